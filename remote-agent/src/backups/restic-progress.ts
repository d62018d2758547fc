import { z } from 'zod';
import { AppError } from '../../../common/errors/app-error.js';
import type { StepContext } from '../jobs/steps.js';
import type { Restic } from './restic.js';

const StatusSchema = z.object({
  message_type: z.literal('status'),
  percent_done: z.number().optional(),
  total_files: z.number().optional(),
  files_done: z.number().optional(),
  total_bytes: z.number().optional(),
  bytes_done: z.number().optional(),
  seconds_remaining: z.number().optional(),
});
const SummarySchema = z.object({
  message_type: z.literal('summary'),
  files_new: z.number(),
  files_changed: z.number(),
  files_unmodified: z.number(),
  data_added: z.number(),
  total_files_processed: z.number(),
  total_bytes_processed: z.number(),
  snapshot_id: z.string(),
});

export interface ResticSummary {
  snapshotId: string;
  filesNew: number;
  filesChanged: number;
  filesUnmodified: number;
  addedBytes: number;
  totalBytes: number;
}

/** Progress is journalled at most this often: restic reports many times a second. */
const PROGRESS_EVERY_MS = 1_000;

/**
 * `restic backup --json`, its status lines turned into the step's progress (percent, bytes,
 * files, time left) as they come, and its summary returned.
 */
export async function resticProgress(
  restic: Restic,
  args: string[],
  context: StepContext,
  options: { stdin?: NodeJS.ReadableStream } = {},
): Promise<ResticSummary> {
  let summary: z.infer<typeof SummarySchema> | undefined;
  let lastReport = 0;
  await restic.run([...args, '--json'], {
    signal: context.signal,
    ...(options.stdin ? { stdin: options.stdin } : {}),
    onLine: (line, stream) => {
      if (stream !== 'stdout' || !line.startsWith('{')) {
        if (stream === 'stderr') context.log(line, 'stderr');
        return;
      }
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        return;
      }
      const parsedSummary = SummarySchema.safeParse(value);
      if (parsedSummary.success) {
        summary = parsedSummary.data;
        return;
      }
      const status = StatusSchema.safeParse(value);
      if (!status.success || Date.now() - lastReport < PROGRESS_EVERY_MS) return;
      lastReport = Date.now();
      context.progress(Math.min(99, Math.round((status.data.percent_done ?? 0) * 100)), describe(status.data));
    },
  });
  if (!summary) {
    throw new AppError('backups.resticFailed', {
      detail: 'restic ended without a summary of the backup',
      retryable: true,
    });
  }
  context.progress(100, `${bytes(summary.total_bytes_processed)} read, ${bytes(summary.data_added)} new`);
  return {
    snapshotId: summary.snapshot_id,
    filesNew: summary.files_new,
    filesChanged: summary.files_changed,
    filesUnmodified: summary.files_unmodified,
    addedBytes: summary.data_added,
    totalBytes: summary.total_bytes_processed,
  };
}

function describe(status: z.infer<typeof StatusSchema>): string {
  const parts = [`${bytes(status.bytes_done ?? 0)} of ${bytes(status.total_bytes ?? 0)}`];
  if (status.total_files) parts.push(`${status.files_done ?? 0} of ${status.total_files} files`);
  if (status.seconds_remaining !== undefined) parts.push(`about ${Math.ceil(status.seconds_remaining)} s left`);
  return parts.join(', ');
}

export function bytes(count: number): string {
  if (count < 1e3) return `${count} B`;
  if (count < 1e6) return `${(count / 1e3).toFixed(1)} kB`;
  if (count < 1e9) return `${(count / 1e6).toFixed(1)} MB`;
  return `${(count / 1e9).toFixed(2)} GB`;
}
