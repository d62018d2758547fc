import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resticRepository } from '../../../common/backups/backup-destination.js';
import { AppError } from '../../../common/errors/app-error.js';
import { exec, tail, type ExecOptions, type ExecResult } from '../system/exec.js';
import type { BackupConfig } from './backup-config.js';
import type { BackupPaths } from './backup-paths.js';
import { resticProblem } from './restic-errors.js';

/**
 * restic, driven with argument arrays only. Secrets never go on a command line nor into the
 * environment: for the length of one `withRestic` the password and the keys sit in files of a
 * private 0700 folder (mode 0600), named by path (`--password-file`, AWS_SHARED_CREDENTIALS_FILE),
 * and the folder is removed afterwards, whatever happened.
 */

export interface Restic {
  /** Runs restic with the repository's options; the result, or the classified error when it failed. */
  run(
    args: string[],
    options?: Partial<ExecOptions> & { timeoutMs?: number; allowFailure?: boolean },
  ): Promise<ExecResult>;
  /** restic's JSON output as lines of objects (it prints one per line with --json). */
  json(args: string[], options?: Partial<ExecOptions> & { timeoutMs?: number }): Promise<unknown[]>;
  /** Runs restic with its stdout written into `file` (mode 0600): a `dump` too large to hold in memory. */
  toFile(args: string[], file: string, options: { signal: AbortSignal; timeoutMs?: number }): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 6 * 60 * 60_000;

export async function withRestic<T>(
  paths: BackupPaths,
  config: BackupConfig,
  work: (restic: Restic) => Promise<T>,
): Promise<T> {
  const { destination } = config.settings;
  const privateDir = path.join(paths.dir, `.run-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  await mkdir(privateDir, { mode: 0o700 });
  try {
    const passwordFile = path.join(privateDir, 'password');
    const credentialsFile = path.join(privateDir, 'aws-credentials');
    await writeFile(passwordFile, config.secrets.repositoryPassword, { mode: 0o600 });
    await writeFile(
      credentialsFile,
      `[default]\naws_access_key_id = ${config.secrets.accessKeyId}\naws_secret_access_key = ${config.secrets.secretAccessKey}\n`,
      { mode: 0o600 },
    );
    const base = ['-r', resticRepository(destination), '--password-file', passwordFile, '--cache-dir', paths.cache];
    if (destination.pathStyle) base.push('-o', 's3.bucket-lookup=path');
    if (destination.caCertificatePem) {
      const caFile = path.join(privateDir, 'ca.pem');
      await writeFile(caFile, destination.caCertificatePem, { mode: 0o600 });
      base.push('--cacert', caFile);
    }
    const env = {
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_PROFILE: 'default',
      AWS_DEFAULT_REGION: destination.region,
      // restic's own cache and config lookups stay in the agent's folder, not in root's home.
      XDG_CACHE_HOME: paths.cache,
      RESTIC_PROGRESS_FPS: '1',
    };
    const restic: Restic = {
      async run(args, options = {}) {
        const result = await exec('restic', [...base, ...args], {
          timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          killSignal: 'SIGTERM',
          ...options,
          env: { ...env, ...options.env },
        });
        options.signal?.throwIfAborted();
        if (result.code !== 0 && !options.allowFailure) throw resticError(args, result);
        return result;
      },
      async json(args, options = {}) {
        const result = await restic.run([...args, '--json'], options);
        return parseJsonLines(result.stdout);
      },
      async toFile(args, file, options) {
        const output = await open(file, 'w', 0o600);
        try {
          const child = spawn('restic', [...base, ...args], {
            env: { ...process.env, LC_ALL: 'C', ...env },
            stdio: ['ignore', output.fd, 'pipe'],
            signal: options.signal,
            killSignal: 'SIGTERM',
          });
          let stderr = '';
          child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-16_000)));
          const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
          const code = await new Promise<number | null>((resolve) => {
            child.on('error', (error) => resolve((error as NodeJS.ErrnoException).code === 'ENOENT' ? 127 : null));
            child.on('close', resolve);
          }).finally(() => clearTimeout(timer));
          options.signal.throwIfAborted();
          if (code !== 0) throw resticError(args, { code, stdout: '', stderr, timedOut: false });
        } finally {
          await output.close();
        }
      },
    };
    return await work(restic);
  } finally {
    await rm(privateDir, { recursive: true, force: true });
  }
}

/** restic prints one JSON value per line; a listing command prints one value in all. */
export function parseJsonLines(text: string): unknown[] {
  const values: unknown[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) continue;
    try {
      values.push(JSON.parse(trimmed));
    } catch {
      // A status line cut short by a kill: nothing to learn from it.
    }
  }
  return values;
}

export function resticError(args: string[], result: ExecResult): AppError {
  const output = `${result.stderr}\n${result.stdout}`;
  if (result.code === 127) {
    return new AppError('backups.resticMissing', { detail: 'restic is not installed on this server', retryable: true });
  }
  const problem = resticProblem(output);
  return new AppError(problem.code, {
    params: { command: `restic ${args[0] ?? ''}`.trim(), ...problem.params },
    detail: `restic ${args[0] ?? ''}: exit ${result.code ?? 'signal'}${result.timedOut ? ' (timed out)' : ''}\n${tail(result.stderr.trim() || result.stdout, 3000)}`,
    retryable: problem.retryable,
  });
}
