import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../electron/contract/schemas';
import { guessLanguage } from './language';
import { messages } from './resources';

/** Initialises i18next synchronously (resources are bundled), so the first render is already translated. */
export function initI18n(): typeof i18next {
  const initial = guessLanguage(navigator.languages);
  void i18next.use(initReactI18next).init({
    resources: {
      en: { translation: messages.en },
      nl: { translation: messages.nl },
    },
    lng: initial,
    fallbackLng: 'en',
    initAsync: false,
    // React already escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = initial;
  return i18next;
}

export function applyLanguage(language: Language): void {
  if (i18next.language !== language) void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
