import { AppError } from '../../../common/errors/app-error.js';
import { exec, execOrThrow, type ExecOptions, type ExecResult } from '../system/exec.js';

/**
 * The compose command this server has: Compose v2 (`docker compose`, Docker's packages and
 * Ubuntu's docker-compose-v2) or v1 (`docker-compose`, Debian 12's 1.29). Both read ./.env and
 * COMPOSE_PROFILES from it, so the stack directory alone decides what runs.
 */
export interface ComposeCommand {
  file: string;
  baseArgs: string[];
  version: 1 | 2;
}

export async function findCompose(signal?: AbortSignal): Promise<ComposeCommand | undefined> {
  const v2 = await exec('docker', ['compose', 'version', '--short'], { timeoutMs: 15_000, signal });
  if (v2.code === 0) return { file: 'docker', baseArgs: ['compose'], version: 2 };
  const v1 = await exec('docker-compose', ['version', '--short'], { timeoutMs: 15_000, signal });
  if (v1.code === 0) return { file: 'docker-compose', baseArgs: [], version: 1 };
  return undefined;
}

export async function requireCompose(signal?: AbortSignal): Promise<ComposeCommand> {
  const compose = await findCompose(signal);
  if (compose) return compose;
  throw new AppError('stack.dockerNotRunning', {
    detail: 'neither `docker compose` nor `docker-compose` answers',
    retryable: true,
  });
}

/** Runs compose in the stack directory, where it finds docker-compose.yml and .env. */
export function compose(
  command: ComposeCommand,
  dir: string,
  args: string[],
  options: Omit<ExecOptions, 'cwd'>,
): Promise<ExecResult> {
  return execOrThrow(command.file, [...command.baseArgs, ...args], { ...options, cwd: dir });
}
