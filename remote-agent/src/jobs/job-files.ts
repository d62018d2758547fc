import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { JobIdSchema } from '../../../common/agent-contract.js';
import { ErrorDataSchema } from '../../../common/errors/app-error.js';

/** job.json: what the agent decided before starting the job. */
export const JobMetaSchema = z.object({
  jobId: JobIdSchema,
  kind: z.string(),
  params: z.unknown(),
  createdAt: z.iso.datetime(),
  retryOf: JobIdSchema.optional(),
  /** The first job of a retry chain; its work directory is shared by every attempt. */
  rootJobId: JobIdSchema,
  attempt: z.number().int().min(1),
});
export type JobMeta = z.infer<typeof JobMetaSchema>;

/** start.json: the job's own verdict, written once it holds the lock or knows it cannot. */
export const StartRecordSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    pid: z.number().int(),
    startTime: z.string().nullable(),
    startedAt: z.iso.datetime(),
  }),
  z.object({ ok: z.literal(false), error: ErrorDataSchema }),
]);
export type StartRecord = z.infer<typeof StartRecordSchema>;

/** Sortable by creation time, unique without coordination, safe as a path component. */
export function newJobId(now = Date.now()): string {
  return `j-${now.toString(36).padStart(9, '0')}-${randomBytes(4).toString('hex')}`;
}

/** Readers see the old file or the new one, never half of one. */
export function writeJsonAtomic(file: string, value: unknown): void {
  const temporary = `${file}.${process.pid}.${randomBytes(3).toString('hex')}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/** The parsed file, or undefined when it does not exist (yet). */
export function readJson<T>(file: string, schema: z.ZodType<T>): T | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return schema.parse(JSON.parse(text));
}
