import { spawn } from 'node:child_process';
import { AppError } from '../../../common/errors/app-error.js';

export interface ExecOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Added to the agent's environment (LC_ALL=C and DEBIAN_FRONTEND=noninteractive are always set). */
  env?: Record<string, string>;
  input?: string;
  /** Read as the program's stdin instead of `input` (another program's output, say). */
  stdin?: NodeJS.ReadableStream;
  /** What a cancelled or timed-out program gets; SIGTERM lets it clean up (restic removes its lock). */
  killSignal?: NodeJS.Signals;
  cwd?: string;
  /** Each output line as it comes, for the step's live log. Never pass output that may hold secrets. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const KEEP_BYTES = 512 * 1024;

/**
 * Runs one program with an argument array (never through a shell), bounded in time, with its
 * output kept (the last 512 KiB of each stream) and optionally streamed line by line. A missing
 * program or a timeout is a result, so a caller can fall back; `execOrThrow` makes it an error.
 */
export function exec(file: string, args: string[], options: ExecOptions): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: { ...process.env, LC_ALL: 'C', DEBIAN_FRONTEND: 'noninteractive', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      signal: options.signal,
      killSignal: options.killSignal ?? 'SIGKILL',
    });
    const out = { stdout: '', stderr: '' };
    const partial = { stdout: '', stderr: '' };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill(options.killSignal ?? 'SIGKILL');
    }, options.timeoutMs);
    const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      out[stream] = (out[stream] + text).slice(-KEEP_BYTES);
      if (!options.onLine) return;
      const lines = (partial[stream] + text).split(/\r?\n|\r/);
      partial[stream] = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) options.onLine(line, stream);
    };
    child.stdout.on('data', collect('stdout'));
    child.stderr.on('data', collect('stderr'));
    child.stdin.on('error', () => {});
    if (options.stdin) options.stdin.pipe(child.stdin);
    else child.stdin.end(options.input ?? '');
    let settled = false;
    const finish = (code: number | null, spawnError?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const stream of ['stdout', 'stderr'] as const) {
        if (options.onLine && partial[stream].trim()) options.onLine(partial[stream], stream);
      }
      if (spawnError) out.stderr += `${spawnError.message}\n`;
      resolve({ code, stdout: out.stdout, stderr: out.stderr, timedOut });
    };
    child.on('error', (error) => finish((error as NodeJS.ErrnoException).code === 'ENOENT' ? 127 : null, error));
    child.on('close', (code) => finish(code));
  });
}

/** exec, and a failed, missing or timed-out program becomes a retryable step failure naming it. */
export async function execOrThrow(file: string, args: string[], options: ExecOptions): Promise<ExecResult> {
  options.signal?.throwIfAborted();
  const result = await exec(file, args, options);
  options.signal?.throwIfAborted();
  if (result.code === 0) return result;
  const why = result.timedOut ? `timed out after ${options.timeoutMs} ms` : `exit ${result.code ?? 'signal'}`;
  throw new AppError('stack.commandFailed', {
    params: { command: file },
    detail: `${file} ${args.join(' ')}: ${why}\n${tail(result.stderr || result.stdout, 4000)}`,
    retryable: true,
  });
}

export function tail(text: string, chars: number): string {
  return text.length > chars ? `…${text.slice(-chars)}` : text;
}
