import {
  biggestPart,
  DISK_WARN_PERCENT,
  isDiskWarning,
  type DiskPart,
  type DiskPartName,
  type DiskUsage,
} from '../../../../common/dashboard/disk-usage';
import { formatBytes } from './dashboard-view';

/**
 * What the disk card shows, worked out from the agent's figures without words (the card adds
 * those), so the threshold and the "biggest" rule are the ones of common/dashboard/disk-usage.ts.
 */

export interface DiskRow {
  part: DiskPartName;
  size: string;
  /** Of the used space, for the breakdown's own small bars. */
  share: number;
  note?: DiskPart['note'];
}

export interface DiskView {
  percent: number;
  used: string;
  total: string;
  available: string;
  warn: boolean;
  /** Biggest first; parts on another disk or not measured at the end, as they take nothing here. */
  rows: DiskRow[];
  /** Only when warning: the part to name, and its size, in the advice. */
  biggest?: { part: DiskPartName; size: string };
}

export { DISK_WARN_PERCENT };

export function diskView(usage: DiskUsage): DiskView {
  const counted = (entry: DiskPart) => entry.note !== 'elsewhere' && entry.note !== 'unavailable';
  const rows = [...usage.parts]
    .sort((a, b) => Number(counted(b)) - Number(counted(a)) || b.bytes - a.bytes)
    .map((entry): DiskRow => {
      const row: DiskRow = {
        part: entry.part,
        size: formatBytes(entry.bytes),
        share: usage.usedBytes > 0 ? Math.min(100, Math.round((entry.bytes * 100) / usage.usedBytes)) : 0,
      };
      if (entry.note) row.note = entry.note;
      return row;
    });
  const warn = isDiskWarning(usage.percent);
  const view: DiskView = {
    percent: usage.percent,
    used: formatBytes(usage.usedBytes),
    total: formatBytes(usage.totalBytes),
    available: formatBytes(usage.availableBytes),
    warn,
    rows,
  };
  if (warn) {
    // Nothing measured at all still gets advice: then the space is taken by something unknown.
    const biggest = biggestPart(usage.parts) ?? { part: 'other' as const, bytes: 0 };
    view.biggest = { part: biggest.part, size: formatBytes(biggest.bytes) };
  }
  return view;
}
