import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { S3_PROVIDER_IDS, type S3Provider } from '../../../../common/backups/backup-destination';
import type { BackupStatus, ConnectionTest } from '../../../../common/backups/backups-contract';
import { DEFAULT_RETENTION, DEFAULT_SCHEDULE } from '../../../../common/backups/backups-contract';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/form/Field';
import { useFormFields } from '../../components/form/use-form-fields';
import { InfoIcon } from '../../components/icons';
import { JobProgress } from '../../components/jobs/JobProgress';
import { valuesOf, withPreset, type DestinationValues } from './backup-view';
import { ConnectionResult } from './ConnectionResult';
import { checkSettings, DESTINATION_FIELDS, type DestinationField, type SettingsValues } from './destination-form';

/**
 * Where backups go, how many are kept and when they run. "Test connection" asks the server to write,
 * read and delete a probe object (the backups run from there, not from this computer); "Save and set
 * up" keeps the keys in this computer's vault, hands them to the server and starts the setup job.
 */
export function DestinationForm({
  serverId,
  domain,
  status,
  onChanged,
}: {
  serverId: string;
  domain: string | undefined;
  status: BackupStatus;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const keysStored = status.configured;
  const [values, setValues] = useState<SettingsValues>(() => ({
    destination: valuesOf(status.destination, domain),
    retention: {
      daily: String((status.retention ?? DEFAULT_RETENTION).daily),
      weekly: String((status.retention ?? DEFAULT_RETENTION).weekly),
      monthly: String((status.retention ?? DEFAULT_RETENTION).monthly),
    },
    schedule: status.schedule ?? DEFAULT_SCHEDULE,
  }));
  const [checked, setChecked] = useState(false);
  const [testing, setTesting] = useState(false);
  const [tested, setTested] = useState<ConnectionTest>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [setupJob, setSetupJob] = useState<string>();

  const check = checkSettings(values, keysStored);
  const problems = checked && !check.ok ? check.problems : {};
  const form = useFormFields<DestinationField>({
    problems,
    words: (key) => t(`backups.destination.problems.${key as DestinationField}`),
    order: DESTINATION_FIELDS,
  });
  const destination = values.destination;
  const setDestination = (patch: Partial<DestinationValues>) =>
    setValues((current) => ({ ...current, destination: withPreset(current.destination, patch) }));
  const text = (field: Exclude<DestinationField, 'retention' | 'time'>, hint = true) =>
    form.inputProps(field, destination[field], (value) => setDestination({ [field]: value }), hint);

  const attempt = (): ReturnType<typeof checkSettings> | undefined => {
    setChecked(true);
    setFailure(undefined);
    if (!check.ok) {
      form.focusFirst(check.problems);
      return undefined;
    }
    return check;
  };

  const test = async (createBucket = false) => {
    const ready = attempt();
    if (!ready?.ok) return;
    setTesting(true);
    try {
      setTested(
        await api.call('backups.testConnection', {
          serverId,
          destination: ready.settings.destination,
          ...(ready.keys ? { keys: ready.keys } : {}),
          ...(createBucket ? { createBucket } : {}),
        }),
      );
    } catch (error) {
      setFailure(error);
    } finally {
      setTesting(false);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ready = attempt();
    if (!ready?.ok) return;
    setSaving(true);
    try {
      const { jobId } = await api.call('backups.save', {
        serverId,
        settings: ready.settings,
        ...(ready.keys ? { keys: ready.keys } : {}),
      });
      setSetupJob(jobId);
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="card form backups-destination"
      onSubmit={(event) => void save(event)}
      noValidate
      aria-labelledby="backups-destination-title"
    >
      <h2 id="backups-destination-title" className="form__title">
        {t('backups.destination.title')}
      </h2>
      <p className="hint">{t('backups.destination.intro')}</p>
      {checked && form.problemCount > 0 && (
        <p className="form__summary" role="alert">
          {t('addServer.fixProblems', { count: form.problemCount })}
        </p>
      )}
      <label className="field">
        <span className="field__label">{t('backups.destination.provider')}</span>
        <select
          className="input"
          value={destination.provider}
          data-testid="backups-provider"
          onChange={(event) => setDestination({ provider: event.target.value as S3Provider })}
        >
          {S3_PROVIDER_IDS.map((provider) => (
            <option key={provider} value={provider}>
              {t(`backups.destination.providers.${provider}`)}
            </option>
          ))}
        </select>
      </label>
      {destination.provider === 'r2' && (
        <Field
          id={form.fieldId('accountId')}
          label={t('backups.destination.accountId')}
          hint={t('backups.destination.accountIdHint')}
          error={form.problem('accountId')}
        >
          <input {...text('accountId')} className="input input--mono" autoComplete="off" spellCheck={false} />
        </Field>
      )}
      <div className="form__row">
        <Field
          id={form.fieldId('endpoint')}
          label={t('backups.destination.endpoint')}
          hint={t('backups.destination.endpointHint')}
          error={form.problem('endpoint')}
        >
          <input
            {...text('endpoint')}
            className="input input--mono"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Field
          id={form.fieldId('region')}
          label={t('backups.destination.region')}
          hint={t('backups.destination.regionHint')}
          error={form.problem('region')}
        >
          <input {...text('region')} className="input input--mono" autoComplete="off" spellCheck={false} />
        </Field>
      </div>
      <div className="form__row">
        <Field
          id={form.fieldId('bucket')}
          label={t('backups.destination.bucket')}
          hint={t('backups.destination.bucketHint')}
          error={form.problem('bucket')}
        >
          <input {...text('bucket')} className="input input--mono" autoComplete="off" spellCheck={false} />
        </Field>
        <Field
          id={form.fieldId('prefix')}
          label={t('backups.destination.prefix')}
          hint={t('backups.destination.prefixHint')}
          error={form.problem('prefix')}
        >
          <input {...text('prefix')} className="input input--mono" autoComplete="off" spellCheck={false} />
        </Field>
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={destination.pathStyle}
          onChange={(event) => setDestination({ pathStyle: event.target.checked })}
        />{' '}
        {t('backups.destination.pathStyle')}
      </label>
      <details className="backups-destination__advanced" open={destination.caCertificatePem !== '' || undefined}>
        <summary>{t('backups.destination.caCertificate')}</summary>
        <Field
          id={form.fieldId('caCertificatePem')}
          label={t('backups.destination.caCertificate')}
          hint={t('backups.destination.caCertificateHint')}
          error={form.problem('caCertificatePem')}
        >
          <textarea
            {...text('caCertificatePem')}
            className="input input--mono input--key"
            rows={4}
            spellCheck={false}
          />
        </Field>
      </details>
      {keysStored && (
        <p className="notice">
          <InfoIcon />
          <span>{t('backups.destination.keysStored')}</span>
        </p>
      )}
      <div className="form__row">
        <Field
          id={form.fieldId('accessKeyId')}
          label={t('backups.destination.accessKeyId')}
          hint={t('backups.destination.keysHint')}
          error={form.problem('accessKeyId')}
        >
          <input {...text('accessKeyId')} className="input input--mono" autoComplete="off" spellCheck={false} />
        </Field>
        <Field
          id={form.fieldId('secretAccessKey')}
          label={t('backups.destination.secretAccessKey')}
          error={form.problem('secretAccessKey')}
        >
          <input {...text('secretAccessKey', false)} className="input" type="password" autoComplete="off" />
        </Field>
      </div>
      <fieldset className="backups-destination__retention">
        <legend className="field__label">{t('backups.destination.retention')}</legend>
        <p className="field__hint">{t('backups.destination.retentionHint')}</p>
        {(['daily', 'weekly', 'monthly'] as const).map((kind) => (
          <label key={kind} className="backups-destination__keep">
            {t(`backups.destination.${kind}`)}{' '}
            <input
              className="input input--port"
              inputMode="numeric"
              value={values.retention[kind]}
              aria-invalid={problems.retention ? true : undefined}
              onChange={(event) =>
                setValues((current) => ({
                  ...current,
                  retention: { ...current.retention, [kind]: event.target.value },
                }))
              }
            />
          </label>
        ))}
        {form.problem('retention') && <p className="field__error">{form.problem('retention')}</p>}
      </fieldset>
      <div className="form__row">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={values.schedule.enabled}
            onChange={(event) =>
              setValues((current) => ({ ...current, schedule: { ...current.schedule, enabled: event.target.checked } }))
            }
          />{' '}
          {t('backups.destination.schedule')}
        </label>
        <Field id={form.fieldId('time')} label={t('backups.destination.time')} error={form.problem('time')}>
          <input
            {...form.inputProps(
              'time',
              values.schedule.time,
              (time) => setValues((current) => ({ ...current, schedule: { ...current.schedule, time } })),
              false,
            )}
            className="input input--port"
            type="time"
          />
        </Field>
      </div>
      {tested && <ConnectionResult result={tested} onCreateBucket={() => void test(true)} />}
      {failure !== undefined && <ErrorNotice error={failure} heading={t('backups.connection.failed')} />}
      {setupJob ? (
        <JobProgress
          key={setupJob}
          serverId={serverId}
          jobId={setupJob}
          title={t('backups.status.jobSetup')}
          onClose={() => {
            setSetupJob(undefined);
            onChanged();
          }}
        />
      ) : (
        <div className="form__actions">
          <button
            type="button"
            className="button"
            onClick={() => void test()}
            disabled={testing || saving}
            data-testid="backups-test"
          >
            {testing ? t('backups.destination.testing') : t('backups.destination.test')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={testing || saving}
            data-testid="backups-save"
          >
            {saving ? t('backups.destination.saving') : t('backups.destination.save')}
          </button>
        </div>
      )}
    </form>
  );
}
