import type { Retention } from '../../../common/backups/backups-contract.js';
import type { StepContext } from '../jobs/steps.js';
import { POINT_TAG } from './point-tags.js';
import type { Restic } from './restic.js';

/**
 * restic forget --prune with the user's retention, over this domain's snapshots only. Grouped by
 * path: the two parts of every point (the files and the Mongo archive) carry the same time, so
 * each group keeps exactly the same points.
 */
export async function applyRetention(
  restic: Restic,
  retention: Retention,
  host: string,
  context: StepContext,
): Promise<void> {
  const args = [
    'forget',
    '--host',
    host,
    '--tag',
    POINT_TAG,
    '--group-by',
    'host,paths',
    '--keep-daily',
    String(retention.daily),
    '--keep-weekly',
    String(retention.weekly),
    '--keep-monthly',
    String(retention.monthly),
    '--prune',
  ];
  await restic.run(args, {
    signal: context.signal,
    timeoutMs: 2 * 60 * 60_000,
    onLine: (line) => context.log(line),
  });
}
