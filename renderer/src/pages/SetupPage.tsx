import { useTranslation } from 'react-i18next';
import { InfoIcon } from '../components/icons';
import { PageHeader } from '../components/PageHeader';

const STEPS = [
  'addServer',
  'connect',
  'preflight',
  'domain',
  'plan',
  'install',
  'dns',
  'certificates',
  'recoveryKit',
  'onboarding',
] as const;

export function SetupPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('setup.title')} intro={t('setup.intro')} />
      <p className="notice">
        <InfoIcon />
        <span>{t('setup.unavailable')}</span>
      </p>
      <ol className="steps card" aria-label={t('setup.stepsLabel')}>
        {STEPS.map((step, index) => (
          <li key={step} className="steps__item">
            <span className="steps__number" aria-hidden="true">
              {index + 1}
            </span>
            <span className="steps__text">
              <span className="steps__title">{t(`setup.steps.${step}.title`)}</span>
              <span className="steps__body">{t(`setup.steps.${step}.body`)}</span>
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
