import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { VpsState } from '../world/vps.js';

const execFileAsync = promisify(execFile);

/**
 * Test-side administration of a world VPS "from the provider's console": docker exec into the
 * container, for setting up what a test needs (a password user, sshd options) and for reading
 * sshd's log. The product itself only ever reaches the VPS over SSH.
 */
export async function consoleRun(vps: VpsState, argv: string[], stdin?: string): Promise<string> {
  const child = execFileAsync('docker', ['exec', ...(stdin === undefined ? [] : ['-i']), vps.container, ...argv], {
    timeout: 60_000,
    maxBuffer: 8 * 1024 * 1024,
  });
  if (stdin !== undefined) {
    child.child.stdin?.end(stdin);
  }
  return (await child).stdout;
}

/** Many providers hand out root passwords: allow password and keyboard-interactive logins, and reload sshd. */
export async function allowPasswordLogins(vps: VpsState): Promise<void> {
  await consoleRun(
    vps,
    ['tee', '/etc/ssh/sshd_config.d/40-passwords.conf'],
    'PasswordAuthentication yes\nKbdInteractiveAuthentication yes\nUsePAM yes\nLogLevel VERBOSE\n',
  );
  await consoleRun(vps, ['sshd', '-t']);
  // sshd is PID 1 in the world's VPS; SIGHUP makes it re-read its configuration.
  await consoleRun(vps, ['kill', '-HUP', '1']);
  await new Promise((resolve) => setTimeout(resolve, 500));
}

export async function ensureUserWithPassword(vps: VpsState, user: string, password: string): Promise<void> {
  await consoleRun(vps, ['sh', '-c', `id -u "$1" >/dev/null 2>&1 || useradd -m -s /bin/bash "$1"`, 'sh', user]);
  await consoleRun(vps, ['chpasswd'], `${user}:${password}\n`);
}

/** sshd writes its log to the container's stderr (sshd -D -e). */
export async function sshdLogSince(vps: VpsState, since: Date): Promise<string> {
  const { stdout, stderr } = await execFileAsync('docker', ['logs', '--since', since.toISOString(), vps.container], {
    timeout: 30_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout + stderr;
}
