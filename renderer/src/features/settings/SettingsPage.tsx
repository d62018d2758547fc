import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../electron/contract/schemas';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { SaveStatus } from '../../components/SaveStatus';
import { useAppState } from '../../state/app-state';

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useAppState((state) => state.settings);
  const info = useAppState((state) => state.info);
  const save = useAppState((state) => state.save);
  const update = useAppState((state) => state.update);
  if (!settings || !info) return null;

  const themes: { value: Settings['theme']; label: string; hint?: string }[] = [
    { value: 'system', label: t('settings.appearance.system'), hint: t('settings.appearance.systemHint') },
    { value: 'light', label: t('settings.appearance.light') },
    { value: 'dark', label: t('settings.appearance.dark') },
  ];
  const weakStorage: { value: 'refuse' | 'allow'; label: string; hint?: string }[] = [
    { value: 'refuse', label: t('settings.secrets.refuse'), hint: t('settings.secrets.refuseHint') },
    { value: 'allow', label: t('settings.secrets.allow'), hint: t('settings.secrets.allowHint') },
  ];
  const languages: { value: Settings['language']; label: string }[] = [
    { value: 'system', label: t('settings.language.system', { language: t(`languageNames.${info.systemLanguage}`) }) },
    { value: 'en', label: t('languageNames.en') },
    { value: 'nl', label: t('languageNames.nl') },
  ];

  return (
    <>
      <PageHeader title={t('settings.title')} intro={t('settings.intro')} aside={<SaveStatus status={save.status} />} />
      {save.status === 'failed' && (
        <ErrorNotice error={save.error} heading={t('saveFailed')} onRetry={() => update(save.patch)} />
      )}
      <section className="settings-section" aria-labelledby="settings-appearance">
        <h2 id="settings-appearance">{t('settings.appearance.title')}</h2>
        <div className="card">
          <ChoiceGroup
            legend={t('settings.appearance.theme')}
            name="theme"
            value={settings.theme}
            choices={themes}
            onChange={(theme) => void update({ theme })}
          />
        </div>
      </section>
      <section className="settings-section" aria-labelledby="settings-language">
        <h2 id="settings-language">{t('settings.language.title')}</h2>
        <div className="card">
          <ChoiceGroup
            legend={t('settings.language.label')}
            name="language"
            value={settings.language}
            choices={languages}
            onChange={(language) => void update({ language })}
          />
        </div>
      </section>
      {info.secretStorage === 'weak' && (
        <section className="settings-section" aria-labelledby="settings-secrets">
          <h2 id="settings-secrets">{t('settings.secrets.title')}</h2>
          <div className="card">
            <p className="settings-section__warning">{t('settings.secrets.weakWarning')}</p>
            <ChoiceGroup
              legend={t('settings.secrets.label')}
              name="allowWeakSecretStorage"
              value={settings.allowWeakSecretStorage ? 'allow' : 'refuse'}
              choices={weakStorage}
              onChange={(choice) => void update({ allowWeakSecretStorage: choice === 'allow' })}
            />
          </div>
        </section>
      )}
      <section className="settings-section" aria-labelledby="settings-about">
        <h2 id="settings-about">{t('settings.about.title')}</h2>
        <dl className="card facts">
          <div className="facts__row">
            <dt>{t('settings.about.version')}</dt>
            <dd data-testid="app-version">{info.version}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('settings.about.platform')}</dt>
            <dd>{t(`platforms.${info.platform}`)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('settings.about.secretStorage')}</dt>
            <dd data-testid="secret-storage">{t(`settings.secretStorage.${info.secretStorage}`)}</dd>
          </div>
        </dl>
      </section>
    </>
  );
}
