import { describe, expect, it } from 'vitest';
import { LogsLinesSchema, type LogEntry } from '../../common/dashboard/dashboard-contract.js';
import { MAX_LINE_CHARS } from '../../remote-agent/src/dashboard/log-frames.js';
import { LogRing } from '../../remote-agent/src/dashboard/log-ring.js';

const STAMP = '2024-05-01T12:00:00.123456789Z';
/** Lines as the engine sends them with timestamps, each ending in "\n". */
const engineLines = (...texts: string[]) => Buffer.from(texts.map((text) => `${STAMP} ${text}\n`).join(''));
const push = (
  ring: LogRing,
  texts: string[],
  service: 'smtp' | 'mx' = 'smtp',
  stream: 'stdout' | 'stderr' = 'stdout',
) => ring.pushLines(service, stream, engineLines(...texts), texts.length);
/** Every line text in the entries, with a marker for each skip. */
const flat = (entries: LogEntry[]) =>
  entries.flatMap((entry) =>
    entry.type === 'lines' ? entry.lines : entry.type === 'skipped' ? [`<${entry.count}>`] : [],
  );

describe('LogRing', () => {
  it('hands lines out in order, consecutive ones of a stream together, markers in place', () => {
    const ring = new LogRing(4096);
    push(ring, ['a', 'b']);
    push(ring, ['c']);
    push(ring, ['\u001b[31md\u001b[0m'], 'smtp', 'stderr');
    ring.pushMarker({ kind: 'detached', service: 'mx', reason: 'stopped' });
    ring.pushMarker({ kind: 'attached', service: 'mx' });
    push(ring, ['e'], 'mx');
    const { entries, lines } = ring.take(1 << 20, false);
    expect(lines).toBe(5);
    expect(entries).toEqual([
      { type: 'lines', service: 'smtp', stream: 'stdout', lines: ['a', 'b', 'c'] },
      { type: 'lines', service: 'smtp', stream: 'stderr', lines: ['\u001b[31md\u001b[0m'] },
      { type: 'detached', service: 'mx', reason: 'stopped' },
      { type: 'attached', service: 'mx' },
      { type: 'lines', service: 'mx', stream: 'stdout', lines: ['e'] },
    ]);
    expect(LogsLinesSchema.parse({ streamId: 'f', seq: 0, entries })).toBeTruthy();
    expect(ring.length).toBe(0);
    expect(ring.bytes).toBe(0);
  });

  it('splits off the timestamps (kept when asked for), drops CR before LF, keeps lines without one whole', () => {
    const ring = new LogRing(4096);
    const bytes = Buffer.from(`${STAMP} with crlf\r\n${STAMP} \ncontinued without stamp\n\n`);
    ring.pushLines('smtp', 'stdout', bytes, 4);
    expect(ring.take(4096, true).entries).toEqual([
      {
        type: 'lines',
        service: 'smtp',
        stream: 'stdout',
        lines: ['with crlf', '', 'continued without stamp', ''],
        timestamps: [STAMP, STAMP, '', ''],
      },
    ]);
  });

  it('decodes UTF-8 whole and cuts a line longer than the limit into pieces', () => {
    const ring = new LogRing(1 << 20);
    const long = 'é'.repeat(MAX_LINE_CHARS + 10);
    ring.pushLines('smtp', 'stdout', Buffer.from(`${STAMP} ${long}\n${STAMP} \u00ff\u4e2d\n`), 2);
    const [entry] = ring.take(1 << 20, false).entries;
    expect(entry?.type === 'lines' && entry.lines).toEqual([
      long.slice(0, MAX_LINE_CHARS),
      'é'.repeat(10),
      '\u00ff\u4e2d',
    ]);
  });

  it('makes room by dropping the oldest lines, with one skipped marker exactly where they were', () => {
    const ring = new LogRing(engineLines('0', '1').length);
    expect(push(ring, ['0'])).toBe(true);
    ring.pushMarker({ kind: 'attached', service: 'mx' });
    expect(push(ring, ['1'])).toBe(true);
    expect(push(ring, ['2'])).toBe(true);
    expect(push(ring, ['3'])).toBe(true);
    expect(ring.dropped).toBe(2);
    // '0' and '1' made room; the marker that stood between them stays in its place.
    expect(ring.take(1 << 20, false).entries).toEqual([
      { type: 'skipped', count: 1 },
      { type: 'attached', service: 'mx' },
      { type: 'skipped', count: 1 },
      { type: 'lines', service: 'smtp', stream: 'stdout', lines: ['2', '3'] },
    ]);
  });

  it('keeps the newest lines of a burst, and merges consecutive drops into one marker', () => {
    const ring = new LogRing(engineLines('00', '00', '00').length);
    for (let index = 10; index < 100; index++) push(ring, [`${index}`]);
    expect(flat(ring.take(1 << 20, false).entries)).toEqual(['<87>', '97', '98', '99']);
  });

  it('drops lines larger than the whole ring as they arrive, and reports them after what waits', () => {
    const ring = new LogRing(64);
    push(ring, ['kept']);
    expect(push(ring, ['x'.repeat(100)])).toBe(false);
    expect(flat(ring.take(1 << 20, false).entries)).toEqual(['kept', '<1>']);
    expect(push(ring, ['y'.repeat(100)])).toBe(false);
    push(ring, ['after']);
    expect(flat(ring.take(1 << 20, false).entries)).toEqual(['<1>', 'after']);
  });

  it('wraps around its buffer without ever overwriting a line that waits', () => {
    const line = (index: number) => `line ${String(index).padStart(4, '0')}`;
    const size = engineLines(line(0)).length;
    const ring = new LogRing(size * 5 + size / 2);
    const received: string[] = [];
    let skipped = 0;
    let next = 0;
    for (let round = 0; round < 300; round++) {
      // Push one to three, take one or two: the free space keeps moving round the buffer.
      for (let count = 0; count < 1 + (round % 3); count++) push(ring, [line(next++)]);
      for (const text of flat(ring.take(size * (1 + (round % 2)), false).entries)) {
        if (text.startsWith('<')) skipped += Number(text.slice(1, -1));
        else received.push(text);
      }
    }
    for (const text of flat(ring.take(1 << 20, false).entries)) {
      if (text.startsWith('<')) skipped += Number(text.slice(1, -1));
      else received.push(text);
    }
    // Every line arrived intact and in order, or was counted as skipped: none twice, none garbled.
    expect(received.length + skipped).toBe(next);
    expect(skipped).toBe(ring.dropped);
    expect(skipped).toBeGreaterThan(0);
    expect(
      received.every((text, index) => /^line \d{4}$/.test(text) && (index === 0 || text > received[index - 1]!)),
    ).toBe(true);
    expect(received.at(-1)).toBe(line(next - 1));
  });

  it('stays bounded in bytes and in items however much arrives, and keeps the newest', () => {
    const ring = new LogRing(1024, 64);
    for (let index = 0; index < 200_000; index++) expect(push(ring, [`${index}`])).toBe(true);
    for (let index = 0; index < 1_000; index++) ring.pushMarker({ kind: 'attached', service: 'mx' });
    expect(ring.bytes).toBeLessThanOrEqual(1024);
    expect(ring.length).toBeLessThanOrEqual(64);
    const { entries, lines } = ring.take(1 << 20, false);
    expect(lines + ring.dropped).toBe(200_000);
    expect(entries[0]).toEqual({ type: 'skipped', count: ring.dropped });
    const kept = flat(entries).filter((text) => !text.startsWith('<'));
    expect(kept.at(-1)).toBe('199999');
  });

  it('when markers fill the item bound, arriving lines are dropped and still reported', () => {
    const ring = new LogRing(1 << 20, 8);
    for (let index = 0; index < 20; index++) ring.pushMarker({ kind: 'attached', service: 'mx' });
    expect(push(ring, ['lost', 'too'])).toBe(false);
    expect(push(ring, ['also lost'])).toBe(false);
    const { entries } = ring.take(1 << 20, false);
    expect(entries).toHaveLength(9);
    expect(entries.at(-1)).toEqual({ type: 'skipped', count: 3 });
  });

  it('takes whole items up to the batch size, at least one', () => {
    const ring = new LogRing(4096);
    push(ring, ['a'.repeat(100)]);
    push(ring, ['b'.repeat(100)], 'mx');
    expect(ring.take(10, false).lines).toBe(1);
    expect(ring.take(10, false).lines).toBe(1);
    expect(ring.take(10, false).entries).toEqual([]);
  });

  it('wakes a waiting reader on lines, on a marker, and on abort', async () => {
    const ring = new LogRing(1024);
    const controller = new AbortController();
    const ready = ring.whenReady(controller.signal);
    push(ring, ['x']);
    await ready;
    ring.take(1024, false);
    const marked = ring.whenReady(controller.signal);
    ring.pushMarker({ kind: 'attached', service: 'smtp' });
    await marked;
    ring.take(1024, false);
    const aborted = ring.whenReady(controller.signal);
    controller.abort();
    await aborted;
  });
});
