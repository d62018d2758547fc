import { describe, expect, it } from 'vitest';
import {
  compareTime,
  FrameDemuxer,
  LineAssembler,
  sinceParam,
  splitTimestamp,
} from '../../remote-agent/src/dashboard/log-frames.js';
import { compareStamps } from '../../remote-agent/src/dashboard/service-log-follower.js';

/** One frame of the engine's multiplexed log stream. */
function frame(stream: 0 | 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

/** Demuxes and assembles lines per stream, as container-logs.ts does. */
function linesOf(chunks: Buffer[]): { stream: string; line: string }[] {
  const demuxer = new FrameDemuxer();
  const assemblers = { stdout: new LineAssembler(), stderr: new LineAssembler() };
  const out: { stream: string; line: string }[] = [];
  for (const chunk of chunks) {
    for (const piece of demuxer.push(chunk)) {
      for (const line of assemblers[piece.stream].push(piece.data)) out.push({ stream: piece.stream, line });
    }
  }
  return out;
}

describe('FrameDemuxer', () => {
  const stream = Buffer.concat([
    frame(1, 'out one\n'),
    frame(2, '\u001b[31merror\u001b[0m é€\n'),
    frame(1, ''),
    frame(1, 'out two\n'),
  ]);
  const expected = [
    { stream: 'stdout', line: 'out one' },
    { stream: 'stderr', line: '\u001b[31merror\u001b[0m é€' },
    { stream: 'stdout', line: 'out two' },
  ];

  it('splits frames that arrive whole, several per chunk', () => {
    expect(linesOf([stream])).toEqual(expected);
  });

  it('joins headers and payloads split at every possible byte', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      expect(linesOf([stream.subarray(0, cut), stream.subarray(cut)]), `cut at ${cut}`).toEqual(expected);
    }
    const bytes = [...stream].map((byte) => Buffer.from([byte]));
    expect(linesOf(bytes)).toEqual(expected);
  });

  it('hands out a huge frame in pieces without waiting for all of it', () => {
    const demuxer = new FrameDemuxer();
    const header = Buffer.alloc(8);
    header[0] = 1;
    header.writeUInt32BE(1_000_000_000, 4);
    const pieces = demuxer.push(Buffer.concat([header, Buffer.from('abc')]));
    expect(pieces.map((piece) => piece.data.toString())).toEqual(['abc']);
    expect(demuxer.push(Buffer.from('def'))[0]?.data.toString()).toBe('def');
  });

  it('refuses a stream that is not multiplexed (a TTY container read the wrong way)', () => {
    expect(() => new FrameDemuxer().push(Buffer.from('2024-05-01T00:00:00Z hello\n'))).toThrow(/frame type/);
  });
});

describe('LineAssembler', () => {
  it('drops CRLF endings, keeps a partial line and flushes it at the end', () => {
    const assembler = new LineAssembler();
    expect(assembler.push(Buffer.from('a\r\nb\nc'))).toEqual(['a', 'b']);
    expect(assembler.push(Buffer.from('d\n\ne'))).toEqual(['cd', '']);
    expect(assembler.flush()).toEqual(['e']);
    expect(assembler.flush()).toEqual([]);
  });

  it('joins a UTF-8 character split between pieces', () => {
    const assembler = new LineAssembler();
    const bytes = Buffer.from('€uro\n');
    expect(assembler.push(bytes.subarray(0, 1))).toEqual([]);
    expect(assembler.push(bytes.subarray(1))).toEqual(['€uro']);
  });

  it('cuts a line longer than the limit instead of holding it', () => {
    const assembler = new LineAssembler(4);
    expect(assembler.push(Buffer.from('0123456789'))).toEqual(['0123', '4567']);
    expect(assembler.push(Buffer.from('ab\nabcdefghij\n'))).toEqual(['89ab', 'abcd', 'efgh', 'ij']);
  });
});

describe('timestamps', () => {
  it('splits the engine prefix off a line and orders instants', () => {
    const line = splitTimestamp('2024-05-01T12:00:00.000000042Z hello world');
    expect(line).toEqual({
      timestamp: '2024-05-01T12:00:00.000000042Z',
      seconds: Date.parse('2024-05-01T12:00:00Z') / 1000,
      nanos: 42,
      text: 'hello world',
    });
    expect(sinceParam(line!)).toBe(`${line!.seconds}.000000042`);
    expect(splitTimestamp('no timestamp here')).toBeUndefined();
    const offset = splitTimestamp('2024-05-01T14:00:00.5+02:00 x')!;
    expect(compareTime(offset, line!)).toBeGreaterThan(0);
    expect(offset.nanos).toBe(500_000_000);
  });

  it('compares timestamps as text when fixed width, by value otherwise', () => {
    expect(compareStamps('2024-05-01T12:00:00.000000001Z', '2024-05-01T12:00:00.000000002Z')).toBeLessThan(0);
    expect(compareStamps('2024-05-01T12:00:00.000000002Z', '2024-05-01T12:00:00.000000002Z')).toBe(0);
    expect(compareStamps('2024-05-01T14:00:00.1+02:00', '2024-05-01T12:00:00.000000002Z')).toBeGreaterThan(0);
  });
});
