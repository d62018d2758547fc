import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateMethod, StackProfile } from '../../../../common/stack/stack-contract';
import { useSetup } from './setup-state';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { ErrorNotice } from '../../components/ErrorNotice';
import { describedBy, Field } from '../../components/form/Field';
import { useFormFields } from '../../components/form/use-form-fields';
import { InfoIcon } from '../../components/icons';
import {
  asciiFormOf,
  checkOptions,
  OPTIONS_FIELD_ORDER,
  type OptionsField,
  type OptionsProblems,
  type OptionsValues,
} from './options-form';

const METHODS: readonly CertificateMethod[] = ['http', 'cloudflare', 'digitalocean', 'route53', 'manual'];
const NAMESERVER_FIELDS = ['nameserver1', 'nameserver2', 'nameserver3'] as const;

/**
 * The install's choices. Each is held to the agent's own rules before anything is sent, and a
 * mistake is named under its field. Tokens are typed into password inputs and shown nowhere else.
 */
export function OptionsStage({ serverName }: { serverName: string }) {
  const { t } = useTranslation();
  const values = useSetup((state) => state.values);
  const detection = useSetup((state) => state.detection);
  const resuming = useSetup((state) => state.retryOf !== undefined);
  const setValues = useSetup((state) => state.setValues);
  const detect = useSetup((state) => state.detect);
  const toPlan = useSetup((state) => state.toPlan);
  const backToPreflight = useSetup((state) => state.backToPreflight);
  /** After the first attempt to go on, fields say at once when they are right again. */
  const [checked, setChecked] = useState(false);

  const found = detection.status === 'ready' ? detection.value : undefined;
  const installed = found && found.installedBy !== 'none' ? found : undefined;
  const domainLocked = installed?.domain !== undefined;
  const check = checkOptions(values);
  const problems: OptionsProblems = checked && !check.ok ? check.problems : {};
  const form = useFormFields<OptionsField>({
    problems,
    words: (key) => t(`setup.options.problems.${key as NonNullable<OptionsProblems[OptionsField]>}`),
    order: OPTIONS_FIELD_ORDER,
  });
  const { fieldId, problem, problemCount } = form;
  const id = form.formId;
  const ascii = asciiFormOf(values.domain);

  const textInput = (field: Exclude<OptionsField, `nameserver${number}`>, hint: boolean) =>
    form.inputProps(field, values[field], (value) => setValues({ [field]: value }), hint);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (check.ok) {
      void toPlan(check.options);
      return;
    }
    form.focusFirst(check.problems);
  };

  const profiles: { value: StackProfile; label: string; hint: string }[] = [
    { value: 'full', label: t('setup.options.profile.full'), hint: t('setup.options.profile.fullHint') },
    {
      value: 'forwarding',
      label: t('setup.options.profile.forwarding'),
      hint: t('setup.options.profile.forwardingHint'),
    },
  ];
  const methods = METHODS.map((method) => ({
    value: method,
    label: t(`setup.options.certificates.${method}`),
    hint: t(`setup.options.certificates.${method}Hint`),
  }));

  const setNameserver = (index: number, address: string) => {
    const nameservers: OptionsValues['nameservers'] = [...values.nameservers];
    nameservers[index] = address;
    setValues({ nameservers });
  };

  return (
    <form
      className="card wizard-panel form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
      data-stage="options"
    >
      <h2 id={`${id}-title`} className="wizard-panel__title">
        {t('setup.options.title')}
      </h2>
      <p className="wizard-panel__intro">{t('setup.options.intro')}</p>

      {detection.status === 'loading' && (
        <p className="hint" role="status">
          {t('setup.options.detecting', { name: serverName })}
        </p>
      )}
      {detection.status === 'failed' && (
        <ErrorNotice error={detection.error} heading={t('setup.options.detectFailed')} onRetry={detect} />
      )}
      {installed && (
        <p className="notice notice--boxed" data-testid="existing-install">
          <InfoIcon />
          <span>
            {installed.installedBy === 'upstream'
              ? t('setup.options.existing.upstream', { domain: installed.domain ?? installed.directory })
              : t('setup.options.existing.mailharbor', { domain: installed.domain ?? installed.directory })}
          </span>
        </p>
      )}
      {resuming && (
        <p className="notice notice--boxed">
          <InfoIcon />
          <span>{t('setup.options.resuming')}</span>
        </p>
      )}

      {checked && problemCount > 0 && (
        <p className="form__summary" role="alert">
          {t('setup.options.fixProblems', { count: problemCount })}
        </p>
      )}

      <Field
        id={fieldId('domain')}
        label={t('setup.options.domain')}
        hint={domainLocked ? t('setup.options.existing.domainLocked') : t('setup.options.domainHint')}
        error={problem('domain')}
      >
        <input
          {...textInput('domain', true)}
          aria-describedby={
            [describedBy(fieldId('domain'), true, problem('domain')), ascii ? `${fieldId('domain')}-ascii` : undefined]
              .filter(Boolean)
              .join(' ') || undefined
          }
          className="input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          readOnly={domainLocked}
          placeholder="example.com"
        />
        {ascii && (
          <p className="field__hint" id={`${fieldId('domain')}-ascii`} data-testid="domain-ascii">
            {t('setup.options.domainAscii', { ascii })}
          </p>
        )}
      </Field>

      <Field
        id={fieldId('email')}
        label={t('setup.options.email')}
        hint={t('setup.options.emailHint')}
        error={problem('email')}
      >
        <input {...textInput('email', true)} className="input" type="email" autoComplete="email" spellCheck={false} />
      </Field>

      <ChoiceGroup
        legend={t('setup.options.profile.legend')}
        name="profile"
        value={values.profile}
        choices={profiles}
        onChange={(profile) => setValues({ profile })}
        visibleLegend
      />

      <ChoiceGroup
        legend={t('setup.options.certificates.legend')}
        name="certificateMethod"
        value={values.method}
        choices={methods}
        onChange={(method) => setValues({ method })}
        visibleLegend
      />

      {values.method === 'cloudflare' && (
        <Field
          id={fieldId('cloudflareToken')}
          label={t('setup.options.cloudflareToken')}
          hint={t('setup.options.cloudflareTokenHint')}
          error={problem('cloudflareToken')}
        >
          <input {...textInput('cloudflareToken', true)} className="input" type="password" autoComplete="off" />
        </Field>
      )}
      {values.method === 'digitalocean' && (
        <Field
          id={fieldId('digitaloceanToken')}
          label={t('setup.options.digitaloceanToken')}
          hint={t('setup.options.digitaloceanTokenHint')}
          error={problem('digitaloceanToken')}
        >
          <input {...textInput('digitaloceanToken', true)} className="input" type="password" autoComplete="off" />
        </Field>
      )}
      {values.method === 'route53' && (
        <>
          <Field
            id={fieldId('accessKeyId')}
            label={t('setup.options.accessKeyId')}
            hint={t('setup.options.accessKeyIdHint')}
            error={problem('accessKeyId')}
          >
            <input
              {...textInput('accessKeyId', true)}
              className="input input--mono"
              type="text"
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
          <Field
            id={fieldId('secretAccessKey')}
            label={t('setup.options.secretAccessKey')}
            hint={t('setup.options.secretAccessKeyHint')}
            error={problem('secretAccessKey')}
          >
            <input {...textInput('secretAccessKey', true)} className="input" type="password" autoComplete="off" />
          </Field>
        </>
      )}
      {(values.method === 'cloudflare' || values.method === 'digitalocean' || values.method === 'route53') && (
        <p className="hint form__note">{t('setup.options.secretsNote')}</p>
      )}

      <div className="toggle-field">
        <label className="toggle-field__label" htmlFor={`${id}-useResolvers`}>
          <input
            id={`${id}-useResolvers`}
            type="checkbox"
            checked={values.useResolvers}
            onChange={(event) => setValues({ useResolvers: event.target.checked })}
            aria-describedby={`${id}-useResolvers-hint`}
          />
          <span>{t('setup.options.resolver.toggle')}</span>
        </label>
        <p className="field__hint" id={`${id}-useResolvers-hint`}>
          {t('setup.options.resolver.toggleHint')}
        </p>
      </div>
      {values.useResolvers && (
        <fieldset className="nameservers">
          <legend className="field__label">{t('setup.options.resolver.legend')}</legend>
          <p className="field__hint">{t('setup.options.resolver.hint')}</p>
          <div className="nameservers__fields">
            {NAMESERVER_FIELDS.map((field, index) => (
              <Field
                key={field}
                id={fieldId(field)}
                label={t('setup.options.resolver.nameserver', { number: index + 1 })}
                error={problem(field)}
              >
                <input
                  {...form.inputProps(
                    field,
                    values.nameservers[index] ?? '',
                    (value) => setNameserver(index, value),
                    false,
                  )}
                  className="input input--mono"
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  spellCheck={false}
                />
              </Field>
            ))}
          </div>
        </fieldset>
      )}

      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={detection.status === 'loading'}>
          {t('setup.options.continue')}
        </button>
        <button type="button" className="button" onClick={backToPreflight}>
          {t('setup.options.back')}
        </button>
        <p className="hint form__actions-hint">{t('setup.options.nothingChanges')}</p>
      </div>
    </form>
  );
}
