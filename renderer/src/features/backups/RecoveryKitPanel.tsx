import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/form/Field';
import { CheckIcon } from '../../components/icons';

/** Hands the browser a file to save, from base64 (the kit is sealed in main; it never exists here in clear). */
function download(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saving the recovery kit: a passphrase typed twice, the sealed file downloaded, and where to keep it. */
export function RecoveryKitPanel({ serverId, configured }: { serverId: string; configured: boolean }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const tooShort = passphrase.length < 12;
  const mismatch = repeat !== passphrase;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setFailure(undefined);
    if (tooShort || mismatch) return;
    setSaving(true);
    try {
      const kit = await api.call('backups.saveKit', { serverId, passphrase });
      download(kit.fileName, kit.data);
      setSaved(kit.fileName);
      setPassphrase('');
      setRepeat('');
      setChecked(false);
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="card form"
      onSubmit={(event) => void save(event)}
      noValidate
      aria-labelledby="backups-kit-title"
      data-testid="backups-kit"
    >
      <h2 id="backups-kit-title" className="form__title">
        {t('backups.kit.title')}
      </h2>
      <p className="hint">{t('backups.kit.intro')}</p>
      {!configured ? (
        <p>{t('backups.kit.needsBackups')}</p>
      ) : (
        <>
          <Field
            id="kit-passphrase"
            label={t('backups.kit.passphrase')}
            hint={t('backups.kit.passphraseHint')}
            error={checked && tooShort ? t('backups.kit.tooShort') : undefined}
          >
            <input
              id="kit-passphrase"
              className="input"
              type="password"
              autoComplete="new-password"
              value={passphrase}
              onChange={(event) => setPassphrase(event.target.value)}
            />
          </Field>
          <Field
            id="kit-repeat"
            label={t('backups.kit.repeat')}
            error={checked && mismatch ? t('backups.kit.mismatch') : undefined}
          >
            <input
              id="kit-repeat"
              className="input"
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(event) => setRepeat(event.target.value)}
            />
          </Field>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={saving} data-testid="backups-kit-save">
              {saving ? t('backups.kit.saving') : t('backups.kit.save')}
            </button>
          </div>
          {saved && (
            <p className="job__success" role="status">
              <CheckIcon />
              {t('backups.kit.saved', { fileName: saved })}
            </p>
          )}
          {failure !== undefined && <ErrorNotice error={failure} heading={t('backups.kit.save')} />}
        </>
      )}
    </form>
  );
}
