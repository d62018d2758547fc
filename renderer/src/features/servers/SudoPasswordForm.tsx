import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks for the password sudo wants on the server, then stores it and connects again. */
export function SudoPasswordForm({ onSubmit, busy }: { onSubmit: (password: string) => void; busy: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password) onSubmit(password);
  };

  return (
    <form className="sudo-form" onSubmit={submit}>
      <label className="field__label" htmlFor={id}>
        {t('sudoPassword.label')}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {t('sudoPassword.hint')}
      </p>
      <div className="sudo-form__row">
        <input
          id={id}
          className="input"
          type="password"
          autoComplete="off"
          value={password}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="button button--primary" disabled={busy || !password}>
          {busy ? t('sudoPassword.saving') : t('sudoPassword.submit')}
        </button>
      </div>
    </form>
  );
}
