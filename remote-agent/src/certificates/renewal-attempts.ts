import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { RenewalAttemptSchema, type RenewalAttempt } from '../../../common/certificates/certificates-contract.js';
import { writeJsonAtomic } from '../jobs/job-files.js';
import type { StatePaths } from '../jobs/state-dir.js';

/** The last renewal attempt of each certificate, by its name: what the panel shows beside it. */
const AttemptsSchema = z.record(z.string(), RenewalAttemptSchema);

/** Bounds the file: certificates removed long ago drop out first. */
const MAX_CERTIFICATES = 100;

export function renewalAttemptsFile(paths: StatePaths): string {
  return path.join(paths.root, 'certificates', 'renewals.json');
}

export function readRenewalAttempts(paths: StatePaths): Record<string, RenewalAttempt> {
  const file = renewalAttemptsFile(paths);
  if (!existsSync(file)) return {};
  try {
    const parsed = AttemptsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function recordRenewalAttempt(paths: StatePaths, certName: string, attempt: RenewalAttempt): void {
  const file = renewalAttemptsFile(paths);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const others = Object.entries(readRenewalAttempts(paths))
    .filter(([name]) => name !== certName)
    .sort(([, a], [, b]) => b.at.localeCompare(a.at))
    .slice(0, MAX_CERTIFICATES - 1);
  writeJsonAtomic(file, Object.fromEntries([[certName, attempt], ...others]));
}
