import { useEffect, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestorePoint } from '../../../../common/backups/backups-contract';
import { AppError } from '../../../../common/errors/app-error';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/form/Field';
import { JobProgress } from '../../components/jobs/JobProgress';
import { useNavigation } from '../../state/navigation';
import { useDns } from '../dns/dns-state';
import { useSetup } from '../setup/setup-state';
import { formatBytes } from '../dashboard/dashboard-view';
import { formatAge } from './backup-view';
import { useKitRestore, type KitStep } from './kit-restore-state';

/**
 * Rebuilding a lost server on this (new) one from the recovery kit alone: open the kit, use its
 * backups here, put back the settings of the newest restore point, install the same mail server on
 * the Setup page (it adopts those settings), restore the data, then change the DNS records.
 */
export function KitRestorePanel({
  serverId,
  installed,
  onChanged,
}: {
  serverId: string;
  installed: boolean;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const go = useNavigation((state) => state.go);
  const openSetup = useSetup((state) => state.open);
  const openDns = useDns((state) => state.open);
  const [file, setFile] = useState<string>();
  const [passphrase, setPassphrase] = useState('');
  const progress = useKitRestore((state) => state.byServer[serverId]);
  const remember = useKitRestore((state) => state.set);
  const kit = progress?.kit;
  const step = progress?.step ?? 'open';
  const setStep = (next: KitStep) => remember(serverId, { step: next });
  const [job, setJob] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [points, setPoints] = useState<RestorePoint[]>();
  const [pickedPointId, setPickedPointId] = useState<string>();

  // The kit's backups are in use here from the 'config' step on: list their points to pick one.
  useEffect(() => {
    if (step !== 'config') return;
    let current = true;
    api
      .call('backups.points', { serverId })
      .then(({ points: listed }) => {
        if (!current) return;
        const complete = listed.filter((candidate) => candidate.complete);
        setPoints(complete);
        setPickedPointId((picked) => picked ?? complete[0]?.pointId);
      })
      .catch((error: unknown) => current && setFailure(error));
    return () => {
      current = false;
    };
  }, [serverId, step]);

  const read = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    const reader = new FileReader();
    reader.onload = () => setFile(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.readAsDataURL(chosen);
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await work();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const open = () =>
    run(async () => {
      remember(serverId, { kit: await api.call('kit.open', { data: file ?? '', passphrase }), step: 'apply' });
    });
  const apply = () =>
    run(async () => {
      setJob((await api.call('kit.apply', { kitId: kit!.kitId, serverId })).jobId);
    });
  const restore = (scope: 'config' | 'data') =>
    run(async () => {
      // The data comes from the same point as the settings put back before the install.
      const point =
        scope === 'config' ? points?.find((candidate) => candidate.pointId === pickedPointId) : progress?.point;
      if (!point) throw new AppError('backups.pointNotFound', { params: { pointId: pickedPointId ?? 'latest' } });
      if (scope === 'config') remember(serverId, { point });
      setJob((await api.call('backups.restore', { serverId, pointId: point.pointId, scope })).jobId);
    });
  const describePoint = (point: RestorePoint) =>
    t('backups.fromKit.pointChoice', {
      when: new Date(point.time).toLocaleString(i18n.language),
      size: formatBytes(point.totalBytes ?? 0),
      version: point.stackVersion ?? '?',
    });
  const next: Record<KitStep, KitStep> = {
    open: 'apply',
    apply: 'config',
    config: 'install',
    install: 'data',
    data: 'dns',
    dns: 'dns',
  };

  return (
    <section
      className="card form"
      aria-labelledby="backups-from-kit-title"
      data-testid="backups-from-kit"
      data-step={step}
    >
      <h2 id="backups-from-kit-title" className="form__title">
        {t('backups.fromKit.title')}
      </h2>
      <p className="hint">{t('backups.fromKit.intro')}</p>
      {progress?.point && (
        <p data-testid="kit-point-picked">
          {t('backups.fromKit.pointPicked', { point: describePoint(progress.point) })}
        </p>
      )}
      {kit && (
        <p>
          {t('backups.fromKit.opened', {
            domain: kit.domain,
            age: formatAge(t, kit.createdAt),
            bucket: kit.destination.bucket,
          })}
        </p>
      )}
      <ol className="backups-kit-steps">
        {(['apply', 'config', 'install', 'data', 'dns'] as const).map((name) => (
          <li key={name} data-current={step === name || undefined}>
            {t(`backups.fromKit.steps.${name}`)}
          </li>
        ))}
      </ol>
      {step === 'open' && (
        <>
          <Field id="kit-file" label={t('backups.fromKit.file')}>
            <input id="kit-file" type="file" onChange={read} data-testid="kit-file" />
          </Field>
          <Field id="kit-open-passphrase" label={t('backups.fromKit.passphrase')}>
            <input
              id="kit-open-passphrase"
              className="input"
              type="password"
              value={passphrase}
              onChange={(event) => setPassphrase(event.target.value)}
            />
          </Field>
          <button type="button" className="button button--primary" disabled={busy || !file} onClick={() => void open()}>
            {busy ? t('backups.fromKit.opening') : t('backups.fromKit.open')}
          </button>
        </>
      )}
      {job ? (
        <JobProgress
          key={job}
          serverId={serverId}
          jobId={job}
          title={t(step === 'apply' ? 'backups.status.jobSetup' : 'backups.status.jobRestore')}
          onClose={() => {
            setJob(undefined);
            setStep(next[step]);
            onChanged();
          }}
        />
      ) : (
        <div className="form__actions">
          {step === 'apply' && (
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void apply()}>
              {t('backups.fromKit.apply')}
            </button>
          )}
          {step === 'config' && points && points.length === 0 && (
            <p className="hint" role="status">
              {t('backups.fromKit.noPoints')}
            </p>
          )}
          {step === 'config' && points && points.length > 0 && (
            <Field id="kit-point" label={t('backups.fromKit.point')} hint={t('backups.fromKit.pointHint')}>
              <select
                id="kit-point"
                className="input"
                value={pickedPointId}
                onChange={(event) => setPickedPointId(event.target.value)}
              >
                {points.map((point) => (
                  <option key={point.pointId} value={point.pointId}>
                    {describePoint(point)}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {step === 'config' && (
            <button
              type="button"
              className="button button--primary"
              disabled={busy || !pickedPointId}
              onClick={() => void restore('config')}
            >
              {t('backups.fromKit.restoreConfig')}
            </button>
          )}
          {step === 'install' && (
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                void openSetup(serverId);
                setStep('data');
                go('setup');
              }}
            >
              {t('backups.fromKit.goToSetup')}
            </button>
          )}
          {step === 'data' && (
            <button
              type="button"
              className="button button--primary"
              disabled={busy || !installed}
              onClick={() => void restore('data')}
            >
              {t('backups.fromKit.restoreData')}
            </button>
          )}
          {step === 'dns' && (
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                void openDns(serverId);
                go('dns');
              }}
            >
              {t('backups.fromKit.openDns')}
            </button>
          )}
        </div>
      )}
      {failure !== undefined && <ErrorNotice error={failure} heading={t('backups.fromKit.title')} />}
    </section>
  );
}
