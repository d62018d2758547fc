import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../common/dashboard/dashboard-contract.js';
import { LogRelay, type LogsChannel } from '../../electron/services/dashboard/log-relay.js';
import { StreamRegistry } from '../../electron/services/streams/stream-registry.js';

function fakeChannel() {
  const sent: Array<{ lines: LogEntry[]; skipped: number }> = [];
  const channel = {
    isCongested: false,
    isClosed: false,
    emit: async (_name: string, payload: { lines: LogEntry[]; skipped: number }) => {
      sent.push(payload);
    },
  };
  return { channel, sent };
}

const lines = (...texts: string[]): LogEntry => ({ type: 'lines', service: 'imap', stream: 'stdout', lines: texts });

describe('the log relay in main', () => {
  it('passes batches on while the window keeps up', () => {
    const { channel, sent } = fakeChannel();
    const relay = new LogRelay(channel as unknown as LogsChannel, 'f1', () => {});
    relay.deliver([lines('a', 'b')]);
    relay.deliver([lines('c')]);
    expect(sent).toEqual([
      { streamId: 'f1', lines: [lines('a', 'b')], skipped: 0 },
      { streamId: 'f1', lines: [lines('c')], skipped: 0 },
    ]);
    expect(relay.totals).toEqual({ lines: 3, skipped: 0 });
  });

  it('drops lines while the window is congested, keeps attach notes, and reports the count with the next batch', () => {
    const { channel, sent } = fakeChannel();
    const relay = new LogRelay(channel as unknown as LogsChannel, 'f1', () => {});
    channel.isCongested = true;
    relay.deliver([lines('a', 'b'), { type: 'attached', service: 'imap' }]);
    relay.deliver([{ type: 'skipped', count: 5 }, lines('c')]);
    expect(sent).toEqual([]);
    channel.isCongested = false;
    relay.deliver([lines('d')]);
    expect(sent).toEqual([{ streamId: 'f1', lines: [{ type: 'attached', service: 'imap' }, lines('d')], skipped: 8 }]);
    expect(relay.totals).toEqual({ lines: 1, skipped: 8 });
  });

  it('reports what is left dropped when the follow ends', () => {
    const { channel, sent } = fakeChannel();
    const relay = new LogRelay(channel as unknown as LogsChannel, 'f1', () => {});
    channel.isCongested = true;
    relay.deliver([lines('a')]);
    channel.isCongested = false;
    relay.flush();
    expect(sent).toEqual([{ streamId: 'f1', lines: [], skipped: 1 }]);
  });

  it('ends the follow when the window is gone', () => {
    const { channel } = fakeChannel();
    let closed = 0;
    const relay = new LogRelay(channel as unknown as LogsChannel, 'f1', () => closed++);
    channel.isClosed = true;
    relay.deliver([lines('a')]);
    expect(closed).toBe(1);
  });
});

describe('the stream registry', () => {
  it('stops a stream for the window that started it only', async () => {
    const registry = new StreamRegistry();
    const mine = { isClosed: false };
    const other = { isClosed: false };
    const running = registry.run(
      's1',
      mine,
      (signal) => new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve('done'))),
    );
    expect(registry.stop('s1', other)).toBe(false);
    expect(registry.stop('s1', mine)).toBe(true);
    expect(await running).toEqual({ ended: 'stopped', value: 'done' });
    expect(registry.size).toBe(0);
  });

  it('ends a stream whose window went away', async () => {
    const registry = new StreamRegistry();
    const owner = { isClosed: false };
    const running = registry.run(
      's1',
      owner,
      (signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve())),
    );
    owner.isClosed = true;
    expect((await running).ended).toBe('closed');
  }, 5_000);

  it('replaces a stream started again under the same id by the same window', async () => {
    const registry = new StreamRegistry();
    const owner = { isClosed: false };
    const wait = (signal: AbortSignal) =>
      new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
    const first = registry.run('s1', owner, wait);
    const second = registry.run('s1', owner, wait);
    expect((await first).ended).toBe('stopped');
    expect(registry.stop('s1', owner)).toBe(true);
    await second;
  });
});
