import { open } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../../common/errors/app-error.js';
import { exec } from '../../system/exec.js';
import type { CertificateMethod } from '../../../../common/stack/stack-contract.js';

export interface CertbotRun {
  args: string[];
  /** Given to certbot's process only (CA bundle, Route53 keys, the manual challenge directory). */
  env: Record<string, string>;
  method: CertificateMethod;
  logsDir: string;
  timeoutMs: number;
  signal: AbortSignal;
  log: (line: string, stream: 'stdout' | 'stderr') => void;
}

const TAIL_LINES = 40;

/** The last lines of a possibly large file, reading only its end. */
async function tailOfFile(file: string, lines: number): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
    const { size } = await handle.stat();
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return lastLines(buffer.toString('utf8'), lines);
  } catch {
    return '';
  } finally {
    await handle?.close();
  }
}

function lastLines(text: string, lines: number): string {
  return text.split('\n').filter(Boolean).slice(-lines).join('\n');
}

/**
 * Runs certbot with an argument array, its output going to the step's log line by line (certbot prints
 * no secret: tokens are in files, keys in its environment). A failure becomes stack.certificateFailed
 * with the end of certbot's output and of letsencrypt.log, where the ACME server's reason is.
 */
export async function runCertbot(run: CertbotRun): Promise<void> {
  const result = await exec('certbot', run.args, {
    timeoutMs: run.timeoutMs,
    signal: run.signal,
    env: run.env,
    onLine: run.log,
  });
  run.signal.throwIfAborted();
  if (result.code === 0) return;
  const why =
    result.code === 127
      ? 'certbot is not installed'
      : result.timedOut
        ? `certbot did not finish within ${Math.round(run.timeoutMs / 60_000)} minutes`
        : `certbot exited with ${result.code ?? 'a signal'}`;
  const output = lastLines(`${result.stdout}\n${result.stderr}`, TAIL_LINES);
  const logFile = path.join(run.logsDir, 'letsencrypt.log');
  const log = await tailOfFile(logFile, TAIL_LINES);
  throw new AppError('stack.certificateFailed', {
    params: { method: run.method },
    detail: `${why}\n--- certbot output ---\n${output}${log ? `\n--- ${logFile} ---\n${log}` : ''}`,
    retryable: true,
  });
}
