import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AgentRpcClient } from '../../electron/agent/rpc-client.js';

/**
 * Runs the real agent bundle as a child process with stdio pipes, exactly as it runs behind
 * `ssh host node agent.cjs serve`, each test file with its own bundle and state directories,
 * and cleans up every process it or its jobs started.
 */
const root = path.resolve(import.meta.dirname, '../..');

export function buildAgentBundle(): string {
  const outDir = mkdtempSync(path.join(tmpdir(), 'mh-agent-bundle-'));
  tracked.dirs.push(outDir);
  const result = spawnSync(process.execPath, [path.join(root, 'build/bundle-agent.mjs'), '--outdir', outDir], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`bundle failed: ${result.stderr}`);
  return path.join(outDir, 'agent.cjs');
}

export function newStateDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mh-agent-state-'));
  tracked.dirs.push(dir);
  tracked.stateDirs.push(dir);
  return dir;
}

export interface AgentProcess {
  child: ChildProcessWithoutNullStreams;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Its own process group (like a session's), so cleanup can kill it and whatever it left. */
export function spawnAgent(bundle: string, stateDir: string, nodeArgs: string[] = []): AgentProcess {
  const child = spawn(process.execPath, [...nodeArgs, bundle, 'serve'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, MAILHARBOR_AGENT_STATE_DIR: stateDir },
    detached: true,
  });
  tracked.agents.push(child);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => (stderr = (stderr + text).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stderr: () => stderr, exited };
}

export async function connectAgent(bundle: string, stateDir: string, nodeArgs: string[] = []) {
  const agent = spawnAgent(bundle, stateDir, nodeArgs);
  const client = await AgentRpcClient.connect(
    { fromAgent: agent.child.stdout, toAgent: agent.child.stdin },
    { helloTimeoutMs: 10_000, onDiagnostic: (message) => console.warn(`[agent client] ${message}`) },
  );
  return { agent, client };
}

/** Polls `probe` until it returns something other than undefined, bounded in time. */
export async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let round = 0; Date.now() < deadline && round < 10_000; round++) {
    const value = probe();
    if (value !== undefined) return value;
    await sleep(20);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // A killed child not yet reaped by its parent is a zombie: not running.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The session id and process group of a process, from /proc (Linux). */
export function sessionOf(pid: number): { sid: number; pgid: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // After the command name: state, ppid, pgrp, session.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { pgid: Number(fields[2]), sid: Number(fields[3]) };
}

/** Resident set size in bytes, from /proc (Linux). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) * 1024;
}

export function readJournal(stateDir: string, jobId: string): Array<Record<string, unknown> & { offset: number }> {
  const text = readFileSync(path.join(stateDir, 'jobs', jobId, 'journal.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown> & { offset: number });
}

export function jobPid(stateDir: string, jobId: string): number {
  const start = JSON.parse(readFileSync(path.join(stateDir, 'jobs', jobId, 'start.json'), 'utf8')) as { pid: number };
  return start.pid;
}

const tracked = {
  agents: [] as ChildProcessWithoutNullStreams[],
  stateDirs: [] as string[],
  dirs: [] as string[],
};

function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Kills every agent and every job (each leads its own process group), then removes the files. */
export function cleanupAll(): void {
  for (const agent of tracked.agents) killGroup(agent.pid);
  for (const stateDir of tracked.stateDirs) {
    let jobs: string[] = [];
    try {
      jobs = readdirSync(path.join(stateDir, 'jobs'));
    } catch {
      // No job ever started there.
    }
    for (const jobId of jobs) {
      try {
        killGroup(jobPid(stateDir, jobId));
      } catch {
        // Never started.
      }
    }
  }
  for (const dir of tracked.dirs) rmSync(dir, { recursive: true, force: true });
  tracked.agents.length = 0;
  tracked.stateDirs.length = 0;
  tracked.dirs.length = 0;
}
