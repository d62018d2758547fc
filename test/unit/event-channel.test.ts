import { describe, expect, it } from 'vitest';
import type { EventFrame } from '../../electron/contract/wire.js';
import { EventChannel } from '../../electron/rpc/event-channel.js';

const tick = (index: number) => ({ streamId: 's', index, payload: 'x'.repeat(100) });

describe('EventChannel', () => {
  it('sends frames in order with increasing sequence numbers', async () => {
    const sent: EventFrame[] = [];
    const channel = new EventChannel((frame) => sent.push(frame));
    await channel.emit('diagnostics.tick', tick(0));
    await channel.emit('diagnostics.tick', tick(1));
    expect(sent.map((frame) => frame.seq)).toEqual([0, 1]);
    expect(sent.map((frame) => (frame.payload as { index: number }).index)).toEqual([0, 1]);
  });

  it('makes the producer wait while the window is full and lets it go on acknowledgement', async () => {
    const sent: EventFrame[] = [];
    const channel = new EventChannel((frame) => sent.push(frame), { windowBytes: 1000 });
    let finished = false;
    const producer = (async () => {
      for (let index = 0; index < 50; index++) await channel.emit('diagnostics.tick', tick(index));
      finished = true;
    })();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // About 1000 bytes of ~150-byte frames are out; the producer is parked, not finished.
    expect(sent.length).toBeGreaterThan(3);
    expect(sent.length).toBeLessThan(10);
    expect(finished).toBe(false);
    expect(channel.isCongested).toBe(true);

    for (let round = 0; round < 100 && !finished; round++) {
      channel.ack(sent.at(-1)!.seq);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await producer;
    expect(sent).toHaveLength(50);
    expect(channel.pendingBytes).toBeGreaterThan(0);
    channel.ack(49);
    expect(channel.pendingBytes).toBe(0);
  });

  it('refuses a payload that does not match the event schema', async () => {
    const channel = new EventChannel(() => {});
    await expect(
      channel.emit('diagnostics.tick', { streamId: 's', index: 'one' } as unknown as ReturnType<typeof tick>),
    ).rejects.toThrow();
  });

  it('releases a waiting producer with an error when the renderer goes away', async () => {
    const channel = new EventChannel(() => {}, { windowBytes: 10 });
    const waiting = channel.emit('diagnostics.tick', tick(0));
    channel.close();
    await expect(waiting).rejects.toThrow('closed');
    await expect(channel.emit('diagnostics.tick', tick(1))).rejects.toThrow('closed');
  });
});
