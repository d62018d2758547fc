import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceName } from '../../../../common/dashboard/dashboard-contract';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { JobProgress } from '../../components/jobs/JobProgress';
import { Modal } from '../../components/Modal';
import { interruptionOf } from './dashboard-view';

export type ControlAction = 'start' | 'stop' | 'restart';
export interface ControlRequest {
  action: ControlAction;
  /** Absent: the whole stack. */
  service?: ServiceName;
}

/**
 * Asks first where the action interrupts mail (in plain words), then starts the stack.control job
 * and shows its progress until it is closed. Only one action at a time: the agent's job lock
 * refuses a second anyway.
 */
export function useServiceControl(serverId: string) {
  const [asking, setAsking] = useState<ControlRequest>();
  const [running, setRunning] = useState<{ request: ControlRequest; jobId: string }>();
  const [failed, setFailed] = useState<unknown>();

  const start = async (request: ControlRequest) => {
    setAsking(undefined);
    setFailed(undefined);
    try {
      const { jobId } = await api.call('stack.control', { serverId, ...request });
      setRunning({ request, jobId });
    } catch (error) {
      setFailed(error);
    }
  };
  const ask = (request: ControlRequest) => {
    if (interruptionOf(request.action, request.service)) setAsking(request);
    else void start(request);
  };
  return {
    asking,
    running,
    failed,
    ask,
    start,
    cancelAsk: () => setAsking(undefined),
    close: () => setRunning(undefined),
  };
}

export function ControlPanels({
  serverId,
  control,
}: {
  serverId: string;
  control: ReturnType<typeof useServiceControl>;
}) {
  const { t } = useTranslation();
  const targetOf = (request: ControlRequest) => request.service ?? t('dashboard.jobTitle.wholeStack');
  return (
    <>
      {control.asking && (
        <ConfirmControl request={control.asking} onCancel={control.cancelAsk} onConfirm={control.start} />
      )}
      {control.failed !== undefined && <ErrorNotice error={control.failed} />}
      {control.running && (
        <div className="dashboard-job" data-testid="dashboard-job">
          <JobProgress
            key={control.running.jobId}
            serverId={serverId}
            jobId={control.running.jobId}
            title={t(`dashboard.jobTitle.${control.running.request.action}`, {
              target: targetOf(control.running.request),
            })}
            onClose={control.close}
          />
        </div>
      )}
    </>
  );
}

function ConfirmControl({
  request,
  onCancel,
  onConfirm,
}: {
  request: ControlRequest;
  onCancel: () => void;
  onConfirm: (request: ControlRequest) => Promise<void>;
}) {
  const { t } = useTranslation();
  const interruption = interruptionOf(request.action, request.service) ?? 'other';
  const target = request.service ?? t('dashboard.jobTitle.wholeStack');
  const action = request.action === 'stop' ? 'stop' : 'restart';
  return (
    <Modal title={t(`dashboard.confirm.title.${action}`, { target })} tone="warning" onCancel={onCancel}>
      <div className="modal__body">
        <p data-testid="dashboard-confirm-text">
          {t(`dashboard.confirm.interrupts.${interruption}`, { service: request.service ?? '' })}
        </p>
        {request.action === 'restart' && <p className="hint">{t('dashboard.confirm.restartShort')}</p>}
      </div>
      <div className="modal__actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('dashboard.confirm.cancel')}
        </button>
        <button type="button" className="button button--danger" onClick={() => void onConfirm(request)}>
          {request.action === 'stop' ? t('dashboard.confirm.confirmStop') : t('dashboard.confirm.confirmRestart')}
        </button>
      </div>
    </Modal>
  );
}
