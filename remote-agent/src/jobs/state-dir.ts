import path from 'node:path';

/**
 * Where the agent keeps its state. Root-owned on a real server; tests point it at a temporary
 * directory through MAILHARBOR_AGENT_STATE_DIR.
 */
export const DEFAULT_STATE_DIR = '/var/lib/mailharbor';

export interface StatePaths {
  root: string;
  jobsDir: string;
  locksDir: string;
  workDir: string;
}

export function statePaths(env: NodeJS.ProcessEnv = process.env): StatePaths {
  const root = path.resolve(env.MAILHARBOR_AGENT_STATE_DIR || DEFAULT_STATE_DIR);
  return {
    root,
    jobsDir: path.join(root, 'jobs'),
    locksDir: path.join(root, 'locks'),
    workDir: path.join(root, 'work'),
  };
}

/** The files of one job. The id was validated by JobIdSchema, so it is a plain name. */
export function jobPaths(paths: StatePaths, jobId: string) {
  const dir = path.join(paths.jobsDir, jobId);
  return {
    dir,
    /** Written once by the agent before the job starts: kind, params, retry chain. */
    meta: path.join(dir, 'job.json'),
    /** Written once by the job: it holds the lock and runs (pid), or why it could not start. */
    start: path.join(dir, 'start.json'),
    journal: path.join(dir, 'journal.jsonl'),
    /** Created exclusively by whoever writes the closing line for a job that died. */
    lostClaim: path.join(dir, 'lost.claim'),
    /** Present while a step runs that must not be cancelled halfway; holds its id. */
    noCancel: path.join(dir, 'no-cancel'),
    stdout: path.join(dir, 'stdout.log'),
    stderr: path.join(dir, 'stderr.log'),
  };
}
export type JobPaths = ReturnType<typeof jobPaths>;
