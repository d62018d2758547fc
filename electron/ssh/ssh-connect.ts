import ssh2, { type AuthenticationType, type AnyAuthMethod, type ParsedKey } from 'ssh2';

// ssh2 is CommonJS: its default export works under Node's ESM loader, named exports do not.
const { Client, utils } = ssh2;
import { AppError } from '../../common/errors/app-error.js';
import { describePresentedKey, judgeHostKey, type HostKeyVerdict, type PresentedHostKey } from './host-key-policy.js';
import type { KnownHostsStore } from './known-hosts-store.js';
import { sshErrorFrom } from './ssh-errors.js';
import type { SshAuth, SshTarget } from './target.js';

export interface KeyboardPrompt {
  prompt: string;
  echo: boolean;
}

export interface ConnectOptions {
  target: SshTarget;
  auth: SshAuth;
  knownHosts: KnownHostsStore;
  /** ~/.ssh/known_hosts unless told otherwise (tests); undefined reads none. */
  userKnownHostsFile?: string;
  /**
   * Asked only when nothing (or only a key of another type) is known for this host. Resolve true to
   * trust the key: it is then remembered. No credential has been sent when this is called.
   */
  confirmHostKey: (
    key: PresentedHostKey,
    verdict: Extract<HostKeyVerdict, { kind: 'unknown' | 'otherTypeKnown' }>,
  ) => Promise<boolean>;
  /** Answers the server's keyboard-interactive questions (a password, a one-time code). */
  answerPrompts?: (prompts: KeyboardPrompt[], instructions: string) => Promise<string[]>;
  readyTimeoutMs?: number;
  keepaliveIntervalMs?: number;
}

/**
 * One SSH connection attempt. The host key is judged first (ssh2's async hostVerifier runs during
 * key exchange, before user authentication), so a changed or refused key means no credential ever
 * leaves the machine. Then exactly the chosen method is tried.
 */
export async function connectSsh(options: ConnectOptions): Promise<ssh2.Client> {
  const { target, auth } = options;
  const parsedKey = auth.method === 'privateKey' ? parsePrivateKey(auth.privateKey, auth.passphrase) : undefined;
  const agentSocket = auth.method === 'agent' ? resolveAgentSocket(auth.socket) : undefined;

  let hostKeyFailure: AppError | undefined;
  const client = new Client();

  const verifyHostKey = (key: Buffer, verify: (accepted: boolean) => void) => {
    const presented = describePresentedKey(target.host, target.port, key);
    void decideHostKey(presented, options)
      .then(() => verify(true))
      .catch((error: unknown) => {
        hostKeyFailure =
          error instanceof AppError ? error : new AppError('ssh.hostKeyRejected', { detail: String(error) });
        verify(false);
      });
  };

  const authHandler = (
    methodsLeft: AuthenticationType[] | null,
    _partialSuccess: boolean | null,
    next: (method: AnyAuthMethod | false) => void,
  ) => {
    // One method, once: the user chose it, and failing it must say so rather than try others.
    if (methodsLeft !== null) return next(false);
    const username = target.username;
    switch (auth.method) {
      case 'password':
        return next({ type: 'password', username, password: auth.password });
      case 'privateKey':
        return next({ type: 'publickey', username, key: parsedKey! });
      case 'agent':
        return next({ type: 'agent', username, agent: agentSocket! });
      case 'keyboardInteractive':
        return next({
          type: 'keyboard-interactive',
          username,
          prompt: (_name, instructions, _lang, prompts, finish) => {
            if (!options.answerPrompts) return finish([]);
            void options
              .answerPrompts(
                prompts.map((p) => ({ prompt: p.prompt, echo: Boolean(p.echo) })),
                instructions,
              )
              .then(finish, () => finish([]));
          },
        });
    }
  };

  return new Promise<ssh2.Client>((resolve, reject) => {
    let settled = false;
    client.once('ready', () => {
      settled = true;
      resolve(client);
    });
    // ssh2 may report more than one error for one failure (e.g. the refused host key, then the
    // lost connection): the first decides, the rest must not surface as uncaught errors.
    client.on('error', (error) => {
      if (settled) return;
      settled = true;
      client.end();
      reject(hostKeyFailure ?? sshErrorFrom(error, target, auth.method));
    });
    client.connect({
      host: target.host,
      port: target.port,
      username: target.username,
      hostVerifier: verifyHostKey,
      authHandler: authHandler as never,
      tryKeyboard: auth.method === 'keyboardInteractive',
      readyTimeout: options.readyTimeoutMs ?? 20_000,
      keepaliveInterval: options.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: 3,
    });
  });
}

async function decideHostKey(presented: PresentedHostKey, options: ConnectOptions): Promise<void> {
  const verdict = await judgeHostKey(presented, options.knownHosts, options.userKnownHostsFile);
  const params = { host: presented.host, port: presented.port, fingerprint: presented.fingerprint };
  switch (verdict.kind) {
    case 'trusted':
      return;
    case 'changed':
      throw new AppError('ssh.hostKeyChanged', {
        params: { ...params, known: verdict.knownFingerprints.join(', ') },
        detail: `presented ${presented.keyType} ${presented.fingerprint}; known ${verdict.knownFingerprints.join(', ')}`,
      });
    case 'revoked':
      throw new AppError('ssh.hostKeyRevoked', { params });
    case 'unknown':
    case 'otherTypeKnown': {
      const accepted = await options.confirmHostKey(presented, verdict);
      if (!accepted) throw new AppError('ssh.hostKeyRejected', { params, retryable: true });
      await options.knownHosts.add({
        host: presented.host,
        port: presented.port,
        keyType: presented.keyType,
        key: presented.key.toString('base64'),
        fingerprint: presented.fingerprint,
      });
    }
  }
}

/** Checks the key and its passphrase locally, so "wrong passphrase" is never mistaken for a refused login. */
export function parsePrivateKey(text: string, passphrase: string | undefined): ParsedKey {
  const parsed = utils.parseKey(text, passphrase);
  if (parsed instanceof Error) {
    if (/no passphrase given/i.test(parsed.message)) throw new AppError('ssh.passphraseRequired', { retryable: true });
    if (/passphrase|decrypt|bad (?:decrypt|auth)/i.test(parsed.message)) {
      throw new AppError('ssh.badPassphrase', { detail: parsed.message, retryable: true });
    }
    throw new AppError('ssh.keyUnreadable', { detail: parsed.message });
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key) throw new AppError('ssh.keyUnreadable', { detail: 'no key found in the file' });
  return key;
}

function resolveAgentSocket(socket: string | undefined): string {
  const resolved = socket ?? (process.platform === 'win32' ? 'pageant' : process.env.SSH_AUTH_SOCK);
  if (!resolved) throw new AppError('ssh.agentMissing', { retryable: true });
  return resolved;
}
