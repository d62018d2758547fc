import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  LogsLinesSchema,
  type DashboardContext,
  type dashboardNotifications,
} from '../../remote-agent/src/dashboard/dashboard-contract.js';
import { DropOldestQueue } from '../../remote-agent/src/dashboard/drop-oldest-queue.js';
import { toEntries } from '../../remote-agent/src/dashboard/logs.js';
import type { FollowItem } from '../../remote-agent/src/dashboard/service-log-follower.js';

describe('DropOldestQueue', () => {
  it('drops the oldest items when full and reports the gap with the next take', () => {
    const queue = new DropOldestQueue<number>(100);
    for (let index = 1; index <= 10; index++) queue.push(index, 20);
    expect(queue.bytes).toBe(100);
    expect(queue.take(45)).toEqual({ items: [6, 7], skippedBefore: 5 });
    expect(queue.take(1_000)).toEqual({ items: [8, 9, 10], skippedBefore: 0 });
    expect(queue.dropped).toBe(5);
    expect(queue.length).toBe(0);
  });

  it('counts a drop by the weight of what was dropped (lines, not markers)', () => {
    const queue = new DropOldestQueue<string>(10);
    queue.push('three lines', 5, 3);
    queue.push('marker', 5, 0);
    queue.push('two lines', 5, 2);
    expect(queue.take(100)).toEqual({ items: ['marker', 'two lines'], skippedBefore: 3 });
  });

  it('always takes at least one item and never refuses one larger than the queue', () => {
    const queue = new DropOldestQueue<string>(10);
    queue.push('small', 4);
    queue.push('huge', 50);
    expect(queue.take(1)).toEqual({ items: ['huge'], skippedBefore: 1 });
  });

  it('stays bounded however much is pushed', () => {
    const queue = new DropOldestQueue<number>(1024);
    for (let index = 0; index < 200_000; index++) queue.push(index, 16);
    expect(queue.length).toBe(64);
    expect(queue.dropped).toBe(200_000 - 64);
    const { items, skippedBefore } = queue.take(1024);
    expect(items[0]).toBe(200_000 - 64);
    expect(skippedBefore).toBe(200_000 - 64);
  });

  it('wakes a waiting consumer on push, and on abort', async () => {
    const queue = new DropOldestQueue<number>(10);
    const controller = new AbortController();
    const ready = queue.whenReady(controller.signal);
    queue.push(1, 1);
    await ready;
    queue.take(10);
    const aborted = queue.whenReady(controller.signal);
    controller.abort();
    await aborted;
  });
});

const line = (service: 'smtp' | 'mx', stream: 'stdout' | 'stderr', lines: string[]): FollowItem => ({
  kind: 'lines',
  service,
  stream,
  lines,
  timestamps: lines.map((_, index) => `2024-05-01T12:00:00.00000000${index}Z`),
});

describe('toEntries', () => {
  it('puts the skip marker first, merges consecutive lines of one stream, keeps markers in place', () => {
    const items: FollowItem[] = [
      line('smtp', 'stdout', ['a', 'b']),
      line('smtp', 'stdout', ['c']),
      line('smtp', 'stderr', ['\u001b[31md\u001b[0m']),
      { kind: 'detached', service: 'mx', reason: 'stopped' },
      { kind: 'attached', service: 'mx' },
      line('mx', 'stdout', ['e']),
    ];
    const { entries, lines } = toEntries(items, 7, false);
    expect(lines).toBe(5);
    expect(entries).toEqual([
      { type: 'skipped', count: 7 },
      { type: 'lines', service: 'smtp', stream: 'stdout', lines: ['a', 'b', 'c'] },
      { type: 'lines', service: 'smtp', stream: 'stderr', lines: ['\u001b[31md\u001b[0m'] },
      { type: 'detached', service: 'mx', reason: 'stopped' },
      { type: 'attached', service: 'mx' },
      { type: 'lines', service: 'mx', stream: 'stdout', lines: ['e'] },
    ]);
    expect(LogsLinesSchema.parse({ followId: 'f', seq: 0, entries })).toBeTruthy();
  });

  it('carries one timestamp per line when asked for', () => {
    const { entries } = toEntries([line('smtp', 'stdout', ['a']), line('smtp', 'stdout', ['b'])], 0, true);
    expect(entries).toEqual([
      {
        type: 'lines',
        service: 'smtp',
        stream: 'stdout',
        lines: ['a', 'b'],
        timestamps: ['2024-05-01T12:00:00.000000000Z', '2024-05-01T12:00:00.000000000Z'],
      },
    ]);
  });
});

describe('DashboardContext', () => {
  it("accepts the rpc server's generic notify once the notifications are in the contract", () => {
    // The shape of HandlerContext['notify'] in rpc/rpc-server.ts, over the dashboard's notifications.
    type GenericNotify = <N extends keyof typeof dashboardNotifications>(
      name: N,
      payload: z.output<(typeof dashboardNotifications)[N]>,
    ) => Promise<void>;
    const notify: GenericNotify = async () => {};
    const context: DashboardContext<'logs.lines'> = { signal: new AbortController().signal, notify };
    expect(typeof context.notify).toBe('function');
  });
});
