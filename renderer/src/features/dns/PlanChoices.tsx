import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DnsPlanOptions } from '../../../../electron/contract/dns-schemas';
import { ChoiceGroup } from '../../components/ChoiceGroup';

type OptionalRecord = 'mtaSts' | 'tlsRpt' | 'srv' | 'caa';
const OPTIONAL_RECORDS: readonly OptionalRecord[] = ['mtaSts', 'tlsRpt', 'srv', 'caa'];

interface PlanChoicesProps {
  domain: string;
  options: DnsPlanOptions;
  onChange: (patch: DnsPlanOptions) => void;
  /** While a new plan is made: the choices stay visible but cannot change again yet. */
  busy: boolean;
}

/** CNAME or address records for the service names, and which optional records to add. */
export function PlanChoices({ domain, options, onChange, busy }: PlanChoicesProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="dns-choices">
      <ChoiceGroup
        legend={t('dns.choices.namesLegend')}
        visibleLegend
        name={`${id}-names`}
        value={options.useCnames ? 'cname' : 'address'}
        choices={[
          { value: 'address', label: t('dns.choices.address'), hint: t('dns.choices.addressHint') },
          { value: 'cname', label: t('dns.choices.cname'), hint: t('dns.choices.cnameHint', { domain }) },
        ]}
        onChange={(value) => {
          if (!busy) onChange({ useCnames: value === 'cname' });
        }}
      />
      <fieldset className="dns-choices__optional" disabled={busy}>
        <legend className="choice-group__legend--visible">{t('dns.choices.optionalLegend')}</legend>
        {OPTIONAL_RECORDS.map((key) => (
          <div className="toggle-field" key={key}>
            <label className="toggle-field__label" htmlFor={`${id}-${key}`}>
              <input
                id={`${id}-${key}`}
                type="checkbox"
                checked={options[key] === true}
                onChange={(event) => onChange({ [key]: event.target.checked })}
                aria-describedby={`${id}-${key}-hint`}
              />
              <span>{t(`dns.choices.${key}`)}</span>
            </label>
            <p className="field__hint" id={`${id}-${key}-hint`}>
              {t(`dns.choices.${key}Hint`, { domain })}
            </p>
          </div>
        ))}
      </fieldset>
    </div>
  );
}
