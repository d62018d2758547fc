import { useEffect } from 'react';
import { applyLanguage } from '../i18n';
import { resolveLanguage } from '../i18n/language';
import { useAppState } from './app-state';

/**
 * Puts the settings into effect on the document: the language (i18next and <html lang>) and the
 * theme. The stylesheet follows the system's light or dark mode unless data-theme says otherwise.
 */
export function useApplySettings(): void {
  const settings = useAppState((state) => state.settings);
  const systemLanguage = useAppState((state) => state.info?.systemLanguage);

  useEffect(() => {
    if (settings && systemLanguage) applyLanguage(resolveLanguage(settings.language, systemLanguage));
  }, [settings, systemLanguage]);

  useEffect(() => {
    if (settings) document.documentElement.dataset.theme = settings.theme;
  }, [settings]);
}
