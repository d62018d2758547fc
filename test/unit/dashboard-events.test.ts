import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../remote-agent/src/docker/docker-engine.js';
import { eventAction, eventContainerName, RecentEvents } from '../../remote-agent/src/dashboard/engine-events.js';
import { JsonStreamDecoder } from '../../remote-agent/src/docker/json-stream.js';

const events: EngineEvent[] = [
  { Type: 'container', Action: 'die', Actor: { ID: 'a1', Attributes: { name: 'imap', exitCode: '1' } }, time: 10 },
  {
    Type: 'container',
    Action: 'health_status: healthy',
    Actor: { ID: 'b2', Attributes: { name: 'smtp', label: 'has } and { and "quotes" and \\ in it' } },
    time: 11,
  },
  { Type: 'container', Action: 'start', Actor: { ID: 'a1', Attributes: { name: 'imap' } }, time: 12 },
];

describe('JsonStreamDecoder', () => {
  const text = events.map((event) => JSON.stringify(event)).join('\n') + '\n';

  it('decodes objects separated by newlines, or by nothing at all', () => {
    expect(new JsonStreamDecoder().push(Buffer.from(text))).toEqual(events);
    const glued = events.map((event) => JSON.stringify(event)).join('');
    expect(new JsonStreamDecoder().push(Buffer.from(glued))).toEqual(events);
  });

  it('decodes objects split at any byte, braces and escapes inside strings included', () => {
    const bytes = Buffer.from(text.replace('name', 'nämé'));
    const expected = JSON.parse(`[${text.replace('name', 'nämé').trim().split('\n').join(',')}]`) as unknown[];
    for (let cut = 1; cut < bytes.length; cut += 7) {
      const decoder = new JsonStreamDecoder();
      const values = [...decoder.push(bytes.subarray(0, cut)), ...decoder.push(bytes.subarray(cut))];
      expect(values, `cut at ${cut}`).toEqual(expected);
    }
    const decoder = new JsonStreamDecoder();
    const one: unknown[] = [];
    for (const byte of bytes) one.push(...decoder.push(Buffer.from([byte])));
    expect(one).toEqual(expected);
  });

  it('refuses an object longer than its limit, and text between objects', () => {
    const decoder = new JsonStreamDecoder(64);
    expect(() => decoder.push(Buffer.from(`{"a":"${'x'.repeat(100)}`))).toThrow(/longer than 64/);
    expect(() => new JsonStreamDecoder().push(Buffer.from('{"a":1} oops {"b":2}'))).toThrow(/unexpected/);
  });
});

describe('engine events', () => {
  it('reads the action without its detail and the container name', () => {
    expect(eventAction(events[1]!)).toBe('health_status');
    expect(eventAction(events[0]!)).toBe('die');
    expect(eventContainerName(events[0]!)).toBe('imap');
  });

  it('recognises an event replayed after a reconnect', () => {
    const seen = new RecentEvents();
    const event = { Action: 'start', Actor: { ID: 'x' }, time: 100, timeNano: 100_000_000_123 };
    expect(seen.firstTime(event)).toBe(true);
    expect(seen.firstTime({ ...event })).toBe(false);
    expect(seen.firstTime({ ...event, timeNano: 100_000_000_999 })).toBe(true);
    // Bounded: thousands of events later the set has not grown without end.
    for (let index = 0; index < 5000; index++) seen.firstTime({ ...event, time: 200 + index, timeNano: index });
    expect((seen as unknown as { keys: Map<string, number> }).keys.size).toBeLessThanOrEqual(1024);
  });
});
