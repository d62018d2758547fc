import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { UpdateRunSchema, type UpdateRun } from '../../../common/updates/updates-contract.js';
import { writeJsonAtomic } from '../jobs/job-files.js';
import type { UpdatesPaths } from './updates-paths.js';

/** The dashboard shows the last run; a few more stay for the history. */
const KEEP_RUNS = 20;

const RunsSchema = z.array(UpdateRunSchema);

export function readRuns(paths: UpdatesPaths): UpdateRun[] {
  if (!existsSync(paths.runs)) return [];
  try {
    const parsed = RunsSchema.safeParse(JSON.parse(readFileSync(paths.runs, 'utf8')));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function recordUpdateRun(paths: UpdatesPaths, run: UpdateRun): void {
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  writeJsonAtomic(paths.runs, [run, ...readRuns(paths)].slice(0, KEEP_RUNS));
}

export const PreviousSchema = z.object({
  version: z.string(),
  keptAt: z.iso.datetime(),
  /** The job (its retry chain's first id) that replaced it. */
  rootJobId: z.string(),
});
export type Previous = z.infer<typeof PreviousSchema>;

export function readPrevious(paths: UpdatesPaths): Previous | undefined {
  if (!existsSync(paths.previousMeta) || !existsSync(paths.previousEnv)) return undefined;
  try {
    const parsed = PreviousSchema.safeParse(JSON.parse(readFileSync(paths.previousMeta, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
