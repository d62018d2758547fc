// Runs commands on a test VPS with the OpenSSH client, checking its host key strictly against the
// recorded one (StrictHostKeyChecking=yes + the VPS's known_hosts). Arguments are an array; ssh joins the
// remote command into one line for the VPS's shell, so pass fixed command text and send data on stdin.
import { run } from './run.js';
import type { RunOptions, RunResult } from './run.js';
import type { VpsState } from './vps.js';
import type { WorldSshKey } from './ssh-key.js';

export interface VpsSshTarget {
  vps: Pick<VpsState, 'sshHost' | 'sshPort' | 'knownHostsPath'>;
  key: Pick<WorldSshKey, 'privateKeyPath'>;
  user: string;
  /** Override the known_hosts file (tests prove a wrong host key is refused). */
  knownHostsPath?: string;
}

export function sshArgs(target: VpsSshTarget): string[] {
  return [
    '-F',
    '/dev/null', // no user or system client config can change the outcome
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `UserKnownHostsFile=${target.knownHostsPath ?? target.vps.knownHostsPath}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'ConnectTimeout=10',
    '-o',
    'LogLevel=ERROR',
    '-i',
    target.key.privateKeyPath,
    '-p',
    String(target.vps.sshPort),
    `${target.user}@${target.vps.sshHost}`,
  ];
}

export function vpsExec(target: VpsSshTarget, remoteCommand: string, opts: RunOptions = {}): Promise<RunResult> {
  return run('ssh', [...sshArgs(target), '--', remoteCommand], { timeoutMs: 60_000, ...opts });
}
