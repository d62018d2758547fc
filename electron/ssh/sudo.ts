import { AppError } from '../../common/errors/app-error.js';
import type { SshSession } from './ssh-session.js';

/** How this login becomes root: it is root, sudo needs no password, or sudo needs the user's password. */
export type RootAccess = { kind: 'root' } | { kind: 'sudo' } | { kind: 'sudoPassword'; password: string };

export type SudoProbe = 'root' | 'sudo' | 'sudoPassword' | 'none';

/** Finds out, without any password, how this login can act as root. */
export async function probeRootAccess(session: SshSession): Promise<SudoProbe> {
  const id = await session.run(['id', '-u'], { timeoutMs: 15_000 });
  if (id.stdout.trim() === '0') return 'root';
  const probe = await session.run(['sudo', '-n', 'true'], { timeoutMs: 15_000 });
  if (probe.code === 0) return 'sudo';
  if (/password is required|a terminal is required|askpass/i.test(probe.stderr)) return 'sudoPassword';
  return 'none';
}

/**
 * The argument list that runs `argv` as root, and the bytes to send first on its stdin.
 * With a password, sudo reads it from stdin (-S) without a prompt (-p ''), and -k makes sudo ask
 * every time, so the first line is always consumed by sudo and never reaches the program.
 */
export function asRoot(argv: readonly string[], access: RootAccess): { argv: string[]; stdinPrefix: string } {
  switch (access.kind) {
    case 'root':
      return { argv: [...argv], stdinPrefix: '' };
    case 'sudo':
      return { argv: ['sudo', '-n', '--', ...argv], stdinPrefix: '' };
    case 'sudoPassword':
      if (/[\r\n]/.test(access.password)) throw new AppError('sudo.wrongPassword');
      return { argv: ['sudo', '-k', '-S', '-p', '', '--', ...argv], stdinPrefix: `${access.password}\n` };
  }
}

/** Checks a sudo password before anything else runs with it; the password is never logged or echoed. */
export async function verifyRootAccess(session: SshSession, access: RootAccess): Promise<void> {
  const { argv, stdinPrefix } = asRoot(['id', '-u'], access);
  const result = await session.run(argv, { stdin: stdinPrefix, timeoutMs: 30_000 });
  if (result.code === 0 && result.stdout.trim() === '0') return;
  if (access.kind === 'sudoPassword' && /incorrect password|try again|authentication failure/i.test(result.stderr)) {
    throw new AppError('sudo.wrongPassword', { retryable: true });
  }
  if (/not in the sudoers|may not run sudo|not allowed/i.test(result.stderr)) throw new AppError('sudo.notAllowed');
  if (access.kind === 'sudo' && /password is required/i.test(result.stderr))
    throw new AppError('sudo.passwordRequired');
  const detail = access.kind === 'sudoPassword' ? result.stderr.split(access.password).join('***') : result.stderr;
  throw new AppError('sudo.notAllowed', { detail: detail.slice(0, 500) });
}
