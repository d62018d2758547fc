import path from 'node:path';
import { z } from 'zod';
import type { RestorePoint } from '../../../common/backups/backups-contract.js';
import { AppError } from '../../../common/errors/app-error.js';
import type { BackupPaths } from './backup-paths.js';
import { readBackupState, updateBackupState } from './backup-state.js';
import { POINT_TAG, RESTIC_HOST_PREFIX, tagValue } from './point-tags.js';
import { parseJsonLines, type Restic } from './restic.js';

const SnapshotSchema = z.object({
  id: z.string(),
  short_id: z.string().optional(),
  time: z.string(),
  hostname: z.string(),
  paths: z.array(z.string()),
  tags: z.array(z.string()).optional(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

const ManifestSchema = z.object({ mailboxes: z.array(z.string()) }).passthrough();

/** Every snapshot of ours in the repository. */
export async function listSnapshots(restic: Restic, signal: AbortSignal): Promise<Snapshot[]> {
  const result = await restic.run(['snapshots', '--tag', POINT_TAG, '--json'], { signal, timeoutMs: 10 * 60_000 });
  const [value] = parseJsonLines(result.stdout);
  return z.array(SnapshotSchema).parse(value ?? []);
}

/** The snapshots grouped into restore points, newest first. */
export function pointsOf(snapshots: Snapshot[], known: ReadonlyMap<string, RestorePoint> = new Map()): RestorePoint[] {
  const byPoint = new Map<string, Snapshot[]>();
  for (const snapshot of snapshots) {
    const pointId = tagValue(snapshot.tags, 'point');
    if (pointId) byPoint.set(pointId, [...(byPoint.get(pointId) ?? []), snapshot]);
  }
  const points = [...byPoint].map(([pointId, parts]): RestorePoint => {
    const snapshotsOfPoint = parts.map((snapshot) => ({
      id: snapshot.id,
      part: tagValue(snapshot.tags, 'part') === 'mongo' ? ('mongo' as const) : ('files' as const),
    }));
    const first = parts[0]!;
    const point: RestorePoint = {
      pointId,
      time: new Date(first.time).toISOString(),
      hostname: first.hostname,
      complete: snapshotsOfPoint.some((s) => s.part === 'files') && snapshotsOfPoint.some((s) => s.part === 'mongo'),
      snapshots: snapshotsOfPoint,
    };
    const stackVersion = tagValue(first.tags, 'stack');
    if (stackVersion) point.stackVersion = stackVersion;
    const domain =
      tagValue(first.tags, 'domain') ??
      (first.hostname.startsWith(RESTIC_HOST_PREFIX) ? first.hostname.slice(RESTIC_HOST_PREFIX.length) : undefined);
    if (domain) point.domain = domain;
    // Sizes and counts of points read before (they never change once written).
    const before = known.get(pointId);
    if (before && sameSnapshots(before, point)) {
      if (before.totalBytes !== undefined) point.totalBytes = before.totalBytes;
      if (before.mailboxes !== undefined) point.mailboxes = before.mailboxes;
    }
    return point;
  });
  return points.sort((a, b) => b.time.localeCompare(a.time));
}

function sameSnapshots(a: RestorePoint, b: RestorePoint): boolean {
  return (
    a.snapshots
      .map((s) => s.id)
      .sort()
      .join() ===
    b.snapshots
      .map((s) => s.id)
      .sort()
      .join()
  );
}

/** Where a files snapshot keeps the stage's content: under the stage's absolute path. */
export function insideFiles(paths: BackupPaths, ...parts: string[]): string {
  return path.posix.join(paths.stage, ...parts);
}

/**
 * The restore points, read from the repository, with each new point's size (what a restore
 * writes) and mailbox count; remembered for the dashboard.
 */
export async function refreshPoints(
  paths: BackupPaths,
  restic: Restic,
  signal: AbortSignal,
  /** A point just made: its size and mailbox count are known already, which saves two restic runs. */
  made?: { pointId: string; totalBytes: number; mailboxes: number },
): Promise<RestorePoint[]> {
  const known = new Map((readBackupState(paths).points ?? []).map((point) => [point.pointId, point]));
  const points = pointsOf(await listSnapshots(restic, signal), known);
  for (const point of points) {
    if (made && point.pointId === made.pointId && point.complete) {
      point.totalBytes = made.totalBytes;
      point.mailboxes = made.mailboxes;
    }
    if (point.totalBytes !== undefined && point.mailboxes !== undefined) continue;
    const ids = point.snapshots.map((snapshot) => snapshot.id);
    const stats = await restic.run(['stats', '--mode', 'restore-size', '--json', ...ids], {
      signal,
      allowFailure: true,
    });
    const [value] = parseJsonLines(stats.stdout);
    const size = z.object({ total_size: z.number() }).safeParse(value);
    if (size.success) point.totalBytes = size.data.total_size;
    const files = point.snapshots.find((snapshot) => snapshot.part === 'files');
    if (files) {
      const dumped = await restic.run(['dump', files.id, insideFiles(paths, 'manifest.json')], {
        signal,
        allowFailure: true,
      });
      try {
        point.mailboxes = ManifestSchema.parse(JSON.parse(dumped.stdout)).mailboxes.length;
      } catch {
        // An old or damaged manifest: the point is still listed, without a count.
      }
    }
  }
  updateBackupState(paths, (state) => ({ ...state, points, pointsReadAt: new Date().toISOString() }));
  return points;
}

export function requirePoint(points: RestorePoint[], pointId: string | undefined): RestorePoint {
  const point = pointId ? points.find((candidate) => candidate.pointId === pointId) : points.find((p) => p.complete);
  if (!point) {
    throw new AppError('backups.pointNotFound', {
      params: { pointId: pointId ?? 'latest' },
      detail: `no restore point ${pointId ?? '(any)'} in the repository`,
    });
  }
  if (!point.complete) {
    throw new AppError('backups.pointIncomplete', {
      params: { pointId: point.pointId },
      detail: `restore point ${point.pointId} lacks a part: ${point.snapshots.map((s) => s.part).join(', ')}`,
    });
  }
  return point;
}
