import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PROVIDER_IDS, VPS_PROVIDERS, type ProviderId } from '../../../../common/dns/vps-providers';

interface ProviderPickerProps {
  value: ProviderId | undefined;
  /** The provider recognised from the server's reverse names, if any. */
  guessed: ProviderId | undefined;
  onChange: (provider: ProviderId | undefined) => void;
}

/** Which VPS provider the help is for: recognised from the server's reverse name when possible, else chosen. */
export function ProviderPicker({ value, guessed, onChange }: ProviderPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field dns-provider">
      <label className="field__label" htmlFor={id}>
        {t('dns.ptr.provider')}
      </label>
      <select
        id={id}
        className="input"
        value={value ?? ''}
        onChange={(event) => onChange((event.target.value || undefined) as ProviderId | undefined)}
      >
        {PROVIDER_IDS.map((provider) => (
          <option key={provider} value={provider}>
            {VPS_PROVIDERS[provider].name}
          </option>
        ))}
        <option value="">{t('dns.ptr.otherProvider')}</option>
      </select>
      {guessed && value === guessed && <p className="field__hint">{t('dns.ptr.providerGuessed')}</p>}
    </div>
  );
}
