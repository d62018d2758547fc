import type { AddServerInput } from '../../../../electron/contract/server-schemas';
import { errorDataOf } from '../../errors/error-data';

export type AuthMethod = AddServerInput['auth']['method'];

export interface AddServerValues {
  name: string;
  host: string;
  port: string;
  username: string;
  method: AuthMethod;
  password: string;
  privateKey: string;
  passphrase: string;
  sudoPassword: string;
}

export type FieldName = Exclude<keyof AddServerValues, 'method'>;

/** Each problem has its own words under addServer.problems. */
export type FieldProblem =
  | 'nameRequired'
  | 'hostRequired'
  | 'hostInvalid'
  | 'portInvalid'
  | 'usernameRequired'
  | 'usernameInvalid'
  | 'passwordRequired'
  | 'privateKeyRequired'
  | 'privateKeyIsPublic'
  | 'privateKeyUnreadable'
  | 'passphraseRequired'
  | 'passphraseWrong'
  | 'rejected';

export type FieldProblems = Partial<Record<FieldName, FieldProblem>>;

export const EMPTY_VALUES: AddServerValues = {
  name: '',
  host: '',
  port: '22',
  username: 'root',
  method: 'password',
  password: '',
  privateKey: '',
  passphrase: '',
  sudoPassword: '',
};

/** The order fields appear in, so the first problem can take focus. */
export const FIELD_ORDER: readonly FieldName[] = [
  'name',
  'host',
  'port',
  'username',
  'password',
  'privateKey',
  'passphrase',
  'sudoPassword',
];

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$/i;
const HOST_LABEL = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u;
/** As main's check (electron/ssh/target.ts): the login names Debian and Ubuntu accept. */
const USERNAME = /^[a-z_][a-z0-9_.-]{0,31}\$?$/i;

/** An IP address or a host name, checked here the way main checks it, so most mistakes are named before anything is sent. */
export function isPlausibleHost(value: string): boolean {
  if (IPV4.test(value) || IPV6.test(value)) return true;
  if (value.length > 253 || /^\d+(\.\d+)*$/.test(value)) return false;
  return value
    .replace(/\.$/, '')
    .split('.')
    .every((label) => HOST_LABEL.test(label));
}

/** The problems with what was typed, field by field; empty when the form can be sent. */
export function checkValues(values: AddServerValues): FieldProblems {
  const problems: FieldProblems = {};
  const host = values.host.trim();
  const username = values.username.trim();
  const port = values.port.trim();
  if (!values.name.trim()) problems.name = 'nameRequired';
  if (!host) problems.host = 'hostRequired';
  else if (!isPlausibleHost(host)) problems.host = 'hostInvalid';
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) problems.port = 'portInvalid';
  if (!username) problems.username = 'usernameRequired';
  else if (!USERNAME.test(username)) problems.username = 'usernameInvalid';
  if (values.method === 'password' && !values.password) problems.password = 'passwordRequired';
  if (values.method === 'privateKey') {
    const key = values.privateKey.trim();
    if (!key) problems.privateKey = 'privateKeyRequired';
    else if (/^(ssh-|ecdsa-)\S+ [A-Za-z0-9+/=]+/.test(key)) problems.privateKey = 'privateKeyIsPublic';
  }
  return problems;
}

/** What servers.add is sent: trimmed, with only the chosen way of logging in. */
export function toInput(values: AddServerValues): AddServerInput {
  const auth: AddServerInput['auth'] =
    values.method === 'password'
      ? { method: 'password', password: values.password }
      : values.method === 'privateKey'
        ? {
            method: 'privateKey',
            privateKey: `${values.privateKey.trim()}\n`,
            ...(values.passphrase ? { passphrase: values.passphrase } : {}),
          }
        : { method: values.method };
  const username = values.username.trim();
  return {
    name: values.name.trim(),
    host: values.host.trim(),
    port: Number(values.port.trim()),
    username,
    auth,
    ...(username !== 'root' && values.sudoPassword ? { sudoPassword: values.sudoPassword } : {}),
  };
}

const PATH_TO_FIELD: Record<string, FieldName> = {
  name: 'name',
  host: 'host',
  port: 'port',
  username: 'username',
  'auth.password': 'password',
  'auth.privateKey': 'privateKey',
  'auth.passphrase': 'passphrase',
  sudoPassword: 'sudoPassword',
};

const FIELD_PROBLEM: Partial<Record<FieldName, FieldProblem>> = {
  name: 'nameRequired',
  host: 'hostInvalid',
  port: 'portInvalid',
  username: 'usernameInvalid',
  password: 'passwordRequired',
  privateKey: 'privateKeyUnreadable',
};

/**
 * Main's answer, put on the fields it is about: the fields contract.invalidInput names (its detail
 * reads "host: ...; port: ..."), and the key errors servers.add raises while reading the key.
 * Undefined when the error is not about a field.
 */
export function problemsFromError(error: unknown): FieldProblems | undefined {
  const data = errorDataOf(error);
  switch (data.code) {
    case 'ssh.keyUnreadable':
      return { privateKey: 'privateKeyUnreadable' };
    case 'ssh.passphraseRequired':
      return { passphrase: 'passphraseRequired' };
    case 'ssh.badPassphrase':
      return { passphrase: 'passphraseWrong' };
    case 'contract.invalidInput': {
      const paths = [
        ...(data.detail ?? '').split(';').map((issue) => issue.split(':')[0]!.trim()),
        ...String(data.params.fields ?? '')
          .split(',')
          .map((path) => path.trim()),
      ];
      const problems: FieldProblems = {};
      for (const path of paths) {
        const field = PATH_TO_FIELD[path];
        if (field) problems[field] ??= FIELD_PROBLEM[field] ?? 'rejected';
      }
      return Object.keys(problems).length > 0 ? problems : undefined;
    }
    default:
      return undefined;
  }
}
