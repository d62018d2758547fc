// Background daemons that outlive the `up` command: detached, own process group, a pid file in
// <stateDir>/run and a log file in <logDir>. A later `up` reuses a live daemon whose command line still
// matches, which is what makes `up` idempotent and fast when warm.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface DaemonOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Grace period for SIGTERM in stopDaemon, default 5 s. */
  stopGraceMs?: number;
}

export interface DaemonInfo {
  name: string;
  pid: number;
  pidFile: string;
  logFile: string;
  /** false when a live daemon from an earlier `up` was reused */
  started: boolean;
}

function pidFileOf(stateDir: string, name: string): string {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) throw new Error(`bad daemon name: ${name}`);
  return path.join(stateDir, 'run', `${name}.pid`);
}

function cmdlineOf(pid: number): string[] | undefined {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter((s, i, all) => i < all.length - 1 || s !== '');
  } catch {
    return undefined;
  }
}

function isZombie(pid: number): boolean {
  try {
    return /^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

export function daemonRunning(stateDir: string, name: string): number | undefined {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFileOf(stateDir, name), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 1) return undefined;
  if (!cmdlineOf(pid) || isZombie(pid)) return undefined;
  return pid;
}

export async function startDaemon(
  stateDir: string,
  logDir: string,
  name: string,
  cmd: string,
  args: readonly string[],
  opts: DaemonOptions = {},
): Promise<DaemonInfo> {
  const pidFile = pidFileOf(stateDir, name);
  const logFile = path.join(logDir, `${name}.log`);
  fs.mkdirSync(path.dirname(pidFile), { recursive: true });
  fs.mkdirSync(logDir, { recursive: true });
  const existing = daemonRunning(stateDir, name);
  if (existing !== undefined) {
    const cmdline = cmdlineOf(existing) ?? [];
    // argv[0] may be resolved differently by the kernel; compare the arguments only.
    const same = cmdline.slice(1).join('\0') === args.join('\0');
    if (same) return { name, pid: existing, pidFile, logFile, started: false };
    await stopDaemon(stateDir, name, opts.stopGraceMs);
  }
  const out = fs.openSync(logFile, 'a');
  fs.writeSync(out, `\n--- ${new Date().toISOString()} start ${cmd} ${args.join(' ')}\n`);
  const child = spawn(cmd, [...args], {
    detached: true,
    stdio: ['ignore', out, out],
    env: opts.env ?? process.env,
    cwd: opts.cwd,
  });
  fs.closeSync(out);
  const pid = await new Promise<number>((resolve, reject) => {
    child.once('error', (err) => reject(new Error(`cannot start ${name} (${cmd}): ${err.message}`)));
    child.once('spawn', () => resolve(child.pid!));
  });
  child.unref();
  fs.writeFileSync(pidFile, `${pid}\n`);
  return { name, pid, pidFile, logFile, started: true };
}

export async function stopDaemon(stateDir: string, name: string, graceMs = 5_000): Promise<void> {
  const pidFile = pidFileOf(stateDir, name);
  const pid = daemonRunning(stateDir, name);
  if (pid !== undefined) {
    const signal = (sig: NodeJS.Signals) => {
      try {
        process.kill(-pid, sig); // the daemon's whole process group (it was started detached)
      } catch {
        try {
          process.kill(pid, sig);
        } catch {
          /* gone */
        }
      }
    };
    signal('SIGTERM');
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline && cmdlineOf(pid) && !isZombie(pid)) await new Promise((r) => setTimeout(r, 100));
    if (cmdlineOf(pid) && !isZombie(pid)) signal('SIGKILL');
  }
  fs.rmSync(pidFile, { force: true });
}
