import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateSchedule } from '../../../../common/updates/updates-contract';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';

/** The opt-in nightly update: on or off, and when (the server's time). */
export function AutoUpdateSettings({
  serverId,
  schedule,
  onSaved,
}: {
  serverId: string;
  schedule: UpdateSchedule;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [enabled, setEnabled] = useState(schedule.enabled);
  const [time, setTime] = useState(schedule.time);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const changed = enabled !== schedule.enabled || time !== schedule.time;

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      await api.call('updates.configure', { serverId, schedule: { enabled, time } });
      onSaved();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <fieldset className="updates__auto" data-testid="updates-auto">
      <legend>{t('updates.auto.title')}</legend>
      <label className="updates__auto-toggle">
        <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
        {t('updates.auto.enable')}
      </label>
      <label>
        {t('updates.auto.time')}{' '}
        <input
          type="time"
          value={time}
          disabled={!enabled}
          onChange={(event) => setTime(event.target.value)}
          aria-describedby="updates-auto-hint"
        />
      </label>
      <p id="updates-auto-hint" className="hint">
        {t('updates.auto.hint')}
      </p>
      <div className="updates__actions">
        <button type="button" className="button" disabled={!changed || saving} onClick={() => void save()}>
          {saving ? t('updates.auto.saving') : t('updates.auto.save')}
        </button>
      </div>
      {error !== undefined && <ErrorNotice error={error} heading={t('updates.auto.failed')} />}
    </fieldset>
  );
}
