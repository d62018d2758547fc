import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { JobPaths } from './state-dir.js';

/**
 * Starts `node <agent script> run-job <id>` so that it outlives the agent and its SSH session:
 * `detached` makes it a session and process-group leader (setsid), so the hang-up that ends the
 * SSH session does not reach it and jobs.cancel can signal its whole group; its output goes to
 * files, never to the agent's pipes, which close with the session; `unref` lets the agent exit
 * without waiting for it.
 */
export function spawnJobProcess(files: JobPaths, jobId: string, agentScript: string): ChildProcess {
  const stdout = openSync(files.stdout, 'a', 0o600);
  const stderr = openSync(files.stderr, 'a', 0o600);
  try {
    const child = spawn(process.execPath, [...process.execArgv, agentScript, 'run-job', jobId], {
      detached: true,
      stdio: ['ignore', stdout, stderr],
      cwd: '/',
      env: process.env,
    });
    child.unref();
    return child;
  } finally {
    closeSync(stdout);
    closeSync(stderr);
  }
}
