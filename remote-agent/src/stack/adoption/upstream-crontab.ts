import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { exec, execOrThrow } from '../../system/exec.js';
import { writeFileAtomic } from '../steps/stack-files.js';
import type { StackPaths } from '../stack-paths.js';

/**
 * Upstream's setup.sh puts its schedule into root's crontab: scripts/update.sh at 01:00 (which runs
 * compose with upstream's own file and would recreate the containers behind Mailharbor's back), the
 * backup-{mongo,redis,sqlite}.sh at midnight, check-cert-expiry.sh for manual certificates, and in
 * older versions a bare `docker compose -f …/docker-compose-self-hosted.yml pull && … up -d`. An
 * adoption takes those lines out (Mailharbor's own backups, updates and certificate checks replace
 * them) and keeps the whole crontab as it was in a file first, so it can be put back with
 * `crontab <file>`. Every other line stays byte for byte.
 */

export interface CrontabSplit {
  /** The crontab without upstream's lines. */
  kept: string;
  /** Upstream's lines, as they were. */
  removed: string[];
}

/** Whether a crontab line is one of upstream's entries for the install in `stackDir`. */
function isUpstreamEntry(line: string, stackDir: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return false;
  return trimmed.includes(`${stackDir}/scripts/`) || trimmed.includes(`${stackDir}/docker-compose-self-hosted.yml`);
}

export function splitUpstreamEntries(crontab: string, stackDir: string): CrontabSplit {
  const lines = crontab.split('\n');
  const removed = lines.filter((line) => isUpstreamEntry(line, stackDir));
  const kept = lines.filter((line) => !isUpstreamEntry(line, stackDir)).join('\n');
  return { kept, removed };
}

/** Root's crontab, '' when it has none (or cron is not installed at all). */
export async function readRootCrontab(signal?: AbortSignal): Promise<string> {
  const result = await exec('crontab', ['-l'], { timeoutMs: 30_000, signal });
  // 1: "no crontab for root"; 127: no cron installed.
  return result.code === 0 ? result.stdout : '';
}

/** Where the crontab is kept before an adoption changes it. */
export function keptCrontabFile(paths: StackPaths, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return path.join(paths.agentEtcDir, 'adopted', `root-crontab.${stamp}`);
}

/** Keeps the crontab as it is, then installs it without upstream's lines. Returns the kept file. */
export async function removeUpstreamEntries(paths: StackPaths, signal?: AbortSignal): Promise<string | undefined> {
  const before = await readRootCrontab(signal);
  const split = splitUpstreamEntries(before, paths.dir);
  if (split.removed.length === 0) return undefined;
  const kept = keptCrontabFile(paths);
  await mkdir(path.dirname(kept), { recursive: true, mode: 0o700 });
  await writeFileAtomic(kept, before, 0o600);
  await execOrThrow('crontab', ['-'], { timeoutMs: 30_000, signal, input: split.kept });
  return kept;
}
