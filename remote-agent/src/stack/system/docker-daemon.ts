import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { open, readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../../common/errors/app-error.js';
import type { StepContext } from '../../jobs/steps.js';
import { exec, execOrThrow } from '../../system/exec.js';
import { systemdRunning } from './os-info.js';

/** Where a dockerd we start ourselves (no systemd) writes; read back into an error when it does not come up. */
export const DOCKERD_LOG = '/var/log/mailharbor-dockerd.log';

const READY_TIMEOUT_MS = 60_000;
const POLL_MS = 1_000;
const MAX_PROCESSES = 32_768;

/** The daemon answers (not just the CLI being installed). */
export async function dockerAnswers(signal: AbortSignal): Promise<boolean> {
  const result = await exec('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 15_000, signal });
  return result.code === 0 && result.stdout.trim() !== '';
}

/** Both the engine and its CLI are on this server, whether or not the daemon runs. */
export async function dockerEngineInstalled(signal: AbortSignal): Promise<boolean> {
  const options = { timeoutMs: 15_000, signal };
  const [daemon, cli] = await Promise.all([
    exec('dockerd', ['--version'], options),
    exec('docker', ['--version'], options),
  ]);
  return daemon.code === 0 && cli.code === 0;
}

/** Whether a process of this name runs (comm, as ps shows it): a starting dockerd must not get a twin. */
export async function processRunning(name: string): Promise<boolean> {
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry)).slice(0, MAX_PROCESSES);
  for (const pid of pids) {
    const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
    if (comm.trim() === name) return true;
  }
  return false;
}

/**
 * Starts the Docker daemon and waits (bounded) until it answers. With systemd the service is
 * enabled too, so it comes back after a reboot. Without systemd (a container as VPS; preflight
 * warns about it) nothing would start it: dockerd is started here, detached, and will not come
 * back by itself after a reboot.
 */
export async function startDockerDaemon(step: StepContext): Promise<void> {
  if (await dockerAnswers(step.signal)) return;
  if (systemdRunning()) {
    step.log('systemctl enable --now docker');
    await execOrThrow('systemctl', ['enable', '--now', 'docker'], { timeoutMs: 120_000, signal: step.signal });
  } else if (await processRunning('dockerd')) {
    // A package's init script (or an earlier run) already started one that is still coming up.
    step.log('dockerd is already running; waiting for it to answer');
  } else {
    step.log(`no systemd: starting dockerd in the background (log: ${DOCKERD_LOG})`);
    await spawnDetachedDockerd();
  }
  await waitForDocker(step.signal);
}

/**
 * A dockerd that outlives this job: `detached` makes the child call setsid(), so it has its own
 * session and process group and is not hit when the job's process group is killed on cancel (or
 * by the SSH session's hang-up). Its output goes to a log file, not to pipes of ours that would
 * close with the job. The parent keeps no handle on it (unref).
 */
async function spawnDetachedDockerd(): Promise<void> {
  const log = openSync(DOCKERD_LOG, 'a', 0o640);
  try {
    const child = spawn('dockerd', [], {
      detached: true,
      stdio: ['ignore', log, log],
      cwd: '/',
      env: daemonEnvironment(),
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    child.unref();
  } finally {
    closeSync(log);
  }
}

/** PATH (dockerd runs containerd, iptables, runc from it) and the proxy settings pulls may need; nothing of the agent's own. */
function daemonEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' };
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  return env;
}

async function waitForDocker(signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (let attempt = 0; attempt < READY_TIMEOUT_MS / POLL_MS && Date.now() < deadline; attempt++) {
    if (await dockerAnswers(signal)) return;
    await sleep(POLL_MS, undefined, { signal });
  }
  const log = await readEnd(DOCKERD_LOG, 3000);
  throw new AppError('stack.dockerNotRunning', {
    detail: `docker info did not answer within ${READY_TIMEOUT_MS / 1000} s${log ? `\n${DOCKERD_LOG}:\n…${log}` : ''}`,
    retryable: true,
  });
}

/** The last `bytes` of a file that may have grown large over many runs; '' when unreadable. */
async function readEnd(file: string, bytes: number): Promise<string> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return '';
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(bytes, size));
    await handle.read(buffer, 0, buffer.length, size - buffer.length);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}
