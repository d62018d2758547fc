import { execFile } from 'node:child_process';

export type CommandOutcome =
  { ok: true; stdout: string } | { ok: false; reason: 'missing' | 'failed' | 'timeout'; message: string };

const MAX_OUTPUT_BYTES = 256 * 1024;

/**
 * Runs one program with an argument array (never a shell), a timeout and a cap on its output.
 * Failure is an answer, not an exception: a missing `docker` is a finding, not a crash.
 */
export function runCommand(
  file: string,
  args: string[],
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        timeout: options.timeoutMs ?? 5_000,
        killSignal: 'SIGKILL',
        maxBuffer: MAX_OUTPUT_BYTES,
        signal: options.signal,
        env: { ...process.env, LC_ALL: 'C' },
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ ok: true, stdout: String(stdout) });
        const code = (error as NodeJS.ErrnoException).code;
        const killed = (error as { killed?: boolean }).killed === true;
        const message = `${file} ${args.join(' ')}: ${String(stderr).trim() || error.message}`.slice(0, 2000);
        if (code === 'ENOENT') resolve({ ok: false, reason: 'missing', message });
        else if (killed) resolve({ ok: false, reason: 'timeout', message });
        else resolve({ ok: false, reason: 'failed', message });
      },
    );
  });
}
