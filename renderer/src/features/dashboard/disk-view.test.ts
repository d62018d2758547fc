import { describe, expect, it } from 'vitest';
import type { DiskUsage } from '../../../../common/dashboard/disk-usage';
import { diskView } from './disk-view';

const GiB = 1024 ** 3;

function usage(percent: number, parts: Partial<Record<DiskUsage['parts'][number]['part'], number>>): DiskUsage {
  const names = ['images', 'logs', 'mail', 'databases', 'backups', 'other'] as const;
  return {
    at: '2025-01-01T00:00:00.000Z',
    path: '/root/forwardemail.net/self-hosting',
    totalBytes: 100 * GiB,
    usedBytes: percent * GiB,
    availableBytes: (100 - percent) * GiB,
    percent,
    parts: names.map((part) => ({ part, bytes: (parts[part] ?? 0) * GiB })),
  };
}

describe('diskView', () => {
  it('shows used, total and free, biggest part first, with its share of the used space', () => {
    const view = diskView(usage(40, { mail: 30, images: 4, logs: 1, other: 5 }));
    expect(view).toMatchObject({ percent: 40, used: '40 GiB', total: '100 GiB', available: '60 GiB', warn: false });
    expect(view.rows.map((row) => row.part)).toEqual(['mail', 'other', 'images', 'logs', 'databases', 'backups']);
    expect(view.rows[0]).toEqual({ part: 'mail', size: '30 GiB', share: 75 });
    expect(view.biggest).toBeUndefined();
  });

  it('warns from 85% and names the biggest part with its size', () => {
    expect(diskView(usage(84, { logs: 60 })).warn).toBe(false);
    const view = diskView(usage(85, { logs: 60, mail: 20 }));
    expect(view.warn).toBe(true);
    expect(view.biggest).toEqual({ part: 'logs', size: '60 GiB' });
  });

  it('leaves parts that take nothing here out of the advice and puts them last', () => {
    const full = usage(90, { images: 0, mail: 10, other: 80 });
    full.parts[0] = { part: 'images', bytes: 500 * GiB, note: 'elsewhere' };
    full.parts[1] = { part: 'logs', bytes: 0, note: 'unavailable' };
    const view = diskView(full);
    expect(view.biggest?.part).toBe('other');
    expect(view.rows.slice(-2).map((row) => [row.part, row.note])).toEqual([
      ['images', 'elsewhere'],
      ['logs', 'unavailable'],
    ]);
  });

  it('still gives advice on a full disk where nothing was measured', () => {
    expect(diskView(usage(99, {})).biggest).toEqual({ part: 'other', size: '0 B' });
  });
});
