import { useTranslation } from 'react-i18next';
import { CheckIcon } from '../../components/icons';
import { overviewStates, SETUP_STEPS, type SetupPosition } from './setup-overview';

interface SetupOverviewProps {
  position: SetupPosition;
  /** Titles only, as the wizard's progress indicator; the full list explains each step before there is a wizard. */
  compact: boolean;
  /** With a connected server, the DNS step opens the DNS page. */
  onOpenDns?: () => void;
}

/** The ten steps of the guided setup, with the ones done ticked off and the current one marked. */
export function SetupOverview({ position, compact, onOpenDns }: SetupOverviewProps) {
  const { t } = useTranslation();
  const states = overviewStates(position);
  return (
    <ol className={compact ? 'steps steps--compact card' : 'steps card'} aria-label={t('setup.stepsLabel')}>
      {SETUP_STEPS.map((step, index) => (
        <li
          key={step}
          className="steps__item"
          data-state={states[step]}
          aria-current={states[step] === 'current' ? 'step' : undefined}
        >
          <span className="steps__number" aria-hidden="true">
            {states[step] === 'done' ? <CheckIcon size={14} /> : index + 1}
          </span>
          <span className="steps__text">
            <span className="steps__title">
              {step === 'dns' && onOpenDns ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={onOpenDns}
                  title={t('setup.overview.openDns')}
                  data-testid="open-dns"
                >
                  {t(`setup.steps.${step}.title`)}
                </button>
              ) : (
                t(`setup.steps.${step}.title`)
              )}
              {states[step] === 'done' && <span className="visually-hidden"> ({t('setup.overview.done')})</span>}
            </span>
            {!compact && <span className="steps__body">{t(`setup.steps.${step}.body`)}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
