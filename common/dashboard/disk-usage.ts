import { z } from 'zod';

/**
 * The disk of the VPS as the dashboard shows it: how full the file system holding the stack is, and
 * what takes the space. The agent measures (remote-agent/src/dashboard/disk-usage.ts), the app words
 * it; the rules both sides read (the threshold, what "other" is, which part is the biggest) live here
 * so they cannot disagree.
 */

/** At this percentage of the disk used, the dashboard warns. */
export const DISK_WARN_PERCENT = 85;

/**
 * What is measured, each on its own: Docker's images and containers' own layers; the containers'
 * json-file logs; the mailboxes (sqlite-data); MongoDB and Redis (their Docker volume, redis-data,
 * mongo-backups); backups' staging, restore area and restic cache. 'other' is the rest of the used
 * space: the system, other programs, other users' files.
 */
export const MEASURED_DISK_PARTS = ['images', 'logs', 'mail', 'databases', 'backups'] as const;
export const DiskPartNameSchema = z.enum([...MEASURED_DISK_PARTS, 'other']);
export type DiskPartName = z.infer<typeof DiskPartNameSchema>;

/**
 * Why a figure is not the whole truth: 'partial' the walk stopped at its bound (at least this much),
 * 'unavailable' the Docker engine did not answer (0), 'elsewhere' it lives on another file system
 * and takes nothing from this one (0).
 */
export const DiskPartNoteSchema = z.enum(['partial', 'unavailable', 'elsewhere']);

const Bytes = z.number().int().nonnegative();

export const DiskPartSchema = z.object({
  part: DiskPartNameSchema,
  bytes: Bytes,
  note: DiskPartNoteSchema.optional(),
});
export type DiskPart = z.infer<typeof DiskPartSchema>;

export const DiskUsageSchema = z.object({
  at: z.iso.datetime(),
  /** The directory whose file system was measured (the stack's). */
  path: z.string().max(4096),
  totalBytes: Bytes,
  usedBytes: Bytes,
  /** What an ordinary program may still write (root has a reserve on top, as df shows it). */
  availableBytes: Bytes,
  /** Used of used + available, rounded up: the figure df prints. */
  percent: z.number().int().min(0).max(100),
  /** Every measured part in MEASURED_DISK_PARTS order, then 'other'. */
  parts: z.array(DiskPartSchema).length(MEASURED_DISK_PARTS.length + 1),
});
export type DiskUsage = z.infer<typeof DiskUsageSchema>;

export const DiskUsageParamsSchema = z.object({}).strict();

/** df's percentage: used of what non-root programs can have, rounded up so 84.1% is not "fine". */
export function usedPercent(usedBytes: number, availableBytes: number): number {
  const whole = usedBytes + availableBytes;
  if (whole <= 0) return 0;
  return Math.min(100, Math.ceil((usedBytes * 100) / whole));
}

export function isDiskWarning(percent: number): boolean {
  return percent >= DISK_WARN_PERCENT;
}

/**
 * The measured parts in their fixed order plus 'other', the used space none of them explains.
 * Parts on another file system count for nothing here. Measured sizes can add up to more than
 * `used` (Docker's layer sizes are not exactly its blocks on disk): 'other' is then 0, never negative.
 */
export function diskParts(measured: readonly DiskPart[], usedBytes: number): DiskPart[] {
  const parts = MEASURED_DISK_PARTS.map(
    (name) => measured.find((entry) => entry.part === name) ?? { part: name, bytes: 0 },
  );
  const explained = parts.reduce((sum, entry) => sum + (entry.note === 'elsewhere' ? 0 : entry.bytes), 0);
  return [...parts, { part: 'other', bytes: Math.max(0, usedBytes - explained) }];
}

/** The part that takes the most space on this disk (the first of equals); undefined when all are 0. */
export function biggestPart(parts: readonly DiskPart[]): DiskPart | undefined {
  let biggest: DiskPart | undefined;
  for (const entry of parts) {
    if (entry.note === 'elsewhere' || entry.bytes === 0) continue;
    if (!biggest || entry.bytes > biggest.bytes) biggest = entry;
  }
  return biggest;
}
