import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthPrompt } from '../../../../electron/contract/server-schemas';
import { useServers } from './servers-state';
import { Modal } from '../../components/Modal';

/** The server's own questions during a keyboard-interactive login: usually the password, sometimes a one-time code. */
export function AuthPromptDialog({ prompt }: { prompt: AuthPrompt }) {
  const { t } = useTranslation();
  const id = useId();
  const answer = useServers((state) => state.answerAuth);
  const serverName = useServers((state) => state.servers.find((server) => server.id === prompt.serverId)?.name);
  const [answers, setAnswers] = useState<string[]>(() => prompt.prompts.map(() => ''));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void answer(prompt.promptId, answers);
  };

  return (
    <Modal title={t('authPrompt.title')} onCancel={() => void answer(prompt.promptId, null)}>
      <form onSubmit={submit}>
        <div className="modal__body">
          <p>{t('authPrompt.intro', { name: serverName ?? '' })}</p>
          {prompt.instructions.trim() && <p className="server-says">{prompt.instructions}</p>}
          {prompt.prompts.map((question, index) => (
            <div className="field" key={index}>
              <label className="field__label" htmlFor={`${id}-${index}`}>
                {question.prompt.trim() || t('authPrompt.answer')}
              </label>
              <input
                id={`${id}-${index}`}
                className="input"
                type={question.echo ? 'text' : 'password'}
                autoComplete="off"
                spellCheck={false}
                autoFocus={index === 0}
                value={answers[index] ?? ''}
                onChange={(event) =>
                  setAnswers((current) => current.map((value, at) => (at === index ? event.target.value : value)))
                }
              />
            </div>
          ))}
        </div>
        <div className="modal__actions">
          <button type="button" className="button" onClick={() => void answer(prompt.promptId, null)}>
            {t('authPrompt.cancel')}
          </button>
          <button type="submit" className="button button--primary">
            {t('authPrompt.send')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
