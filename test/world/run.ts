// Runs programs with argument arrays (never a shell string) and a hard timeout, so a hung tool cannot
// hang the world. Output is captured; stdin can be a string, a Buffer or a readable file path.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

export interface RunOptions {
  /** Default 120 s. The process group is killed when it elapses. */
  timeoutMs?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Data written to stdin, or { file } to stream a file in. */
  input?: string | Buffer | { file: string };
  /** Resolve instead of rejecting on a non-zero exit. */
  allowFailure?: boolean;
  /** Stream the output to this file (append) instead of only capturing it. */
  logFile?: string;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

const MAX_CAPTURE = 4 * 1024 * 1024;

export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...args], {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true, // own process group, so the timeout kills helpers too
    });
    const log = opts.logFile ? fs.createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      log?.write(chunk);
      if (stdout.length < MAX_CAPTURE) stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      log?.write(chunk);
      if (stderr.length < MAX_CAPTURE) stderr += chunk.toString();
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      log?.end();
      reject(new Error(`${cmd}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      log?.end();
      const result = { code: code ?? (signal ? 128 : 1), stdout, stderr };
      if (timedOut) {
        reject(new Error(`${cmd} ${args.join(' ')}: timed out after ${timeoutMs} ms\n${stderr.slice(-2000)}`));
      } else if (result.code !== 0 && !opts.allowFailure) {
        reject(new Error(`${cmd} ${args.join(' ')}: exit ${result.code}\n${(stderr || stdout).slice(-3000)}`));
      } else {
        resolve(result);
      }
    });
    child.stdin.on('error', () => {}); // the program may exit without reading stdin
    if (opts.input === undefined) {
      child.stdin.end();
    } else if (typeof opts.input === 'string' || Buffer.isBuffer(opts.input)) {
      child.stdin.end(opts.input);
    } else {
      fs.createReadStream(opts.input.file).pipe(child.stdin);
    }
  });
}

/** Pipes `from`'s stdout into `to`'s stdin (e.g. tar | docker import), both bounded by one timeout. */
export function runPipe(
  from: { cmd: string; args: readonly string[] },
  to: { cmd: string; args: readonly string[] },
  timeoutMs = 300_000,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const a = spawn(from.cmd, [...from.args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const b = spawn(to.cmd, [...to.args], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    a.stdout.pipe(b.stdin);
    let stdout = '';
    let stderr = '';
    a.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    b.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    b.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const timer = setTimeout(() => {
      for (const p of [a, b]) {
        try {
          process.kill(-p.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }, timeoutMs);
    let aCode: number | null = null;
    a.on('close', (code) => (aCode = code));
    a.on('error', reject);
    b.on('error', reject);
    b.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0 && (aCode === 0 || aCode === null)) resolve({ code: 0, stdout, stderr });
      else reject(new Error(`${from.cmd} | ${to.cmd}: exit ${aCode}/${code}\n${stderr.slice(-3000)}`));
    });
  });
}
