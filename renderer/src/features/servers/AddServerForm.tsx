import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerSummary } from '../../../../electron/contract/server-schemas';
import { api } from '../../api';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/form/Field';
import { useFormFields } from '../../components/form/use-form-fields';
import { InfoIcon } from '../../components/icons';
import {
  checkValues,
  EMPTY_VALUES,
  FIELD_ORDER,
  problemsFromError,
  toInput,
  type AddServerValues,
  type AuthMethod,
  type FieldName,
  type FieldProblems,
} from './add-server-form';
import { NewServerKeyPanel } from './NewServerKeyPanel';

interface AddServerFormProps {
  /** Opens with the "I don't have a server yet" panel showing. */
  startWithNewServer: boolean;
  onAdded: (server: ServerSummary) => void;
  onCancel: () => void;
}

const MAX_KEY_FILE_BYTES = 64 * 1024;

/**
 * Where the server is and how to log in. Mistakes are named on their field before anything is
 * sent; what main refuses is put on the same fields. Secrets stay in password inputs.
 */
export function AddServerForm({ startWithNewServer, onAdded, onCancel }: AddServerFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<AddServerValues>(EMPTY_VALUES);
  /** What main (or reading a key file) found; a field's entry goes when that field is changed. */
  const [refused, setRefused] = useState<FieldProblems>({});
  /** After the first attempt to send, fields say at once when they are right again. */
  const [checked, setChecked] = useState(false);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<unknown>(undefined);
  const [showNewServer, setShowNewServer] = useState(startWithNewServer);
  const [keyFromPanel, setKeyFromPanel] = useState(false);
  const [fileName, setFileName] = useState<string | undefined>(undefined);

  const problems: FieldProblems = { ...refused, ...(checked ? checkValues(values) : {}) };
  const form = useFormFields<FieldName>({
    problems,
    words: (key) => t(`addServer.problems.${key as NonNullable<FieldProblems[FieldName]>}`),
    order: FIELD_ORDER,
  });
  const { fieldId, problem, focusFirst } = form;
  const id = form.formId;

  const change = (patch: Partial<AddServerValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    setRefused((current) => Object.fromEntries(Object.entries(current).filter(([field]) => !(field in patch))));
  };

  const input = (field: FieldName, hint = true) =>
    form.inputProps(field, values[field], (value) => change({ [field]: value }), hint);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setSendError(undefined);
    const found = checkValues(values);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setSending(true);
    try {
      onAdded(await api.call('servers.add', toInput(values)));
    } catch (error) {
      const fromMain = problemsFromError(error);
      if (fromMain) {
        setRefused(fromMain);
        focusFirst(fromMain);
      } else {
        setSendError(error);
      }
    } finally {
      setSending(false);
    }
  };

  const readKeyFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_KEY_FILE_BYTES) {
      setRefused((current) => ({ ...current, privateKey: 'privateKeyUnreadable' }));
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      setFileName(file.name);
      setKeyFromPanel(false);
      change({ privateKey: String(reader.result ?? '') });
    };
    reader.onerror = () => setRefused((current) => ({ ...current, privateKey: 'privateKeyUnreadable' }));
    reader.readAsText(file);
  };

  const methods: { value: AuthMethod; label: string; hint: string }[] = [
    { value: 'password', label: t('addServer.method.password'), hint: t('addServer.method.passwordHint') },
    { value: 'privateKey', label: t('addServer.method.privateKey'), hint: t('addServer.method.privateKeyHint') },
    { value: 'agent', label: t('addServer.method.agent'), hint: t('addServer.method.agentHint') },
    {
      value: 'keyboardInteractive',
      label: t('addServer.method.keyboardInteractive'),
      hint: t('addServer.method.keyboardInteractiveHint'),
    },
  ];
  const { problemCount } = form;
  const notRoot = values.username.trim() !== '' && values.username.trim() !== 'root';

  return (
    <div className="add-server">
      {showNewServer ? (
        <NewServerKeyPanel
          onKey={(privateKey) => {
            setKeyFromPanel(true);
            setFileName(undefined);
            change({ method: 'privateKey', privateKey, passphrase: '', username: 'root' });
          }}
        />
      ) : (
        <p className="notice">
          <InfoIcon />
          <span>
            {t('addServer.noServerYet')}{' '}
            <button type="button" className="link-button" onClick={() => setShowNewServer(true)}>
              {t('addServer.noServerYetAction')}
            </button>
          </span>
        </p>
      )}

      <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="form__title">
          {t('addServer.title')}
        </h2>
        {checked && problemCount > 0 && (
          <p className="form__summary" role="alert">
            {t('addServer.fixProblems', { count: problemCount })}
          </p>
        )}

        <Field id={fieldId('name')} label={t('addServer.name')} hint={t('addServer.nameHint')} error={problem('name')}>
          <input {...input('name')} className="input" type="text" autoComplete="off" maxLength={64} />
        </Field>

        <div className="form__row">
          <Field
            id={fieldId('host')}
            label={t('addServer.host')}
            hint={t('addServer.hostHint')}
            error={problem('host')}
          >
            <input
              {...input('host')}
              className="input input--mono"
              type="text"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="off"
            />
          </Field>
          <Field
            id={fieldId('port')}
            label={t('addServer.port')}
            hint={t('addServer.portHint')}
            error={problem('port')}
          >
            <input
              {...input('port')}
              className="input input--port"
              type="text"
              inputMode="numeric"
              autoComplete="off"
            />
          </Field>
        </div>

        <Field
          id={fieldId('username')}
          label={t('addServer.username')}
          hint={t('addServer.usernameHint')}
          error={problem('username')}
        >
          <input
            {...input('username')}
            className="input input--mono"
            type="text"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="off"
          />
        </Field>

        <div className="form__choices">
          <ChoiceGroup
            legend={t('addServer.methodLegend')}
            visibleLegend
            name={`${id}-method`}
            value={values.method}
            choices={methods}
            onChange={(method) => change({ method })}
          />
        </div>

        {values.method === 'password' && (
          <Field id={fieldId('password')} label={t('addServer.password')} error={problem('password')}>
            <input {...input('password', false)} className="input" type="password" autoComplete="off" />
          </Field>
        )}

        {values.method === 'privateKey' && (
          <>
            <Field
              id={fieldId('privateKey')}
              label={t('addServer.privateKey')}
              hint={t('addServer.privateKeyHint')}
              error={problem('privateKey')}
            >
              <textarea
                {...input('privateKey')}
                className="input input--mono input--key"
                rows={5}
                spellCheck={false}
                autoComplete="off"
                placeholder="-----BEGIN OPENSSH PRIVATE KEY-----"
              />
            </Field>
            <div className="form__file">
              <label className="button button--small file-button">
                {t('addServer.chooseKeyFile')}
                <input type="file" className="visually-hidden" data-testid="private-key-file" onChange={readKeyFile} />
              </label>
              {(fileName || keyFromPanel) && (
                <span className="hint">
                  {fileName ? t('addServer.keyFileRead', { fileName }) : t('addServer.keyFromNewServer')}
                </span>
              )}
            </div>
            <Field
              id={fieldId('passphrase')}
              label={t('addServer.passphrase')}
              hint={t('addServer.passphraseHint')}
              error={problem('passphrase')}
            >
              <input {...input('passphrase')} className="input" type="password" autoComplete="off" />
            </Field>
          </>
        )}

        {values.method === 'keyboardInteractive' && (
          <p className="notice form__note">
            <InfoIcon />
            <span>{t('addServer.keyboardInteractiveNote')}</span>
          </p>
        )}

        {notRoot && (
          <Field
            id={fieldId('sudoPassword')}
            label={t('addServer.sudoPassword')}
            hint={t('addServer.sudoPasswordHint')}
            error={problem('sudoPassword')}
          >
            <input {...input('sudoPassword')} className="input" type="password" autoComplete="off" />
          </Field>
        )}

        {sendError !== undefined && <ErrorNotice error={sendError} heading={t('addServer.failed')} />}

        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={sending}>
            {sending ? t('addServer.adding') : t('addServer.submit')}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={sending}>
            {t('addServer.cancel')}
          </button>
          <p className="hint form__actions-hint">{t('addServer.nothingSent')}</p>
        </div>
      </form>
    </div>
  );
}
