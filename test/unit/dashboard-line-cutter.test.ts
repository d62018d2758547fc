import { describe, expect, it } from 'vitest';
import { countLines, LineCutter, stampAt } from '../../remote-agent/src/dashboard/line-cutter.js';

const text = (run: Buffer | undefined) => run?.toString('utf8');

describe('LineCutter', () => {
  it('hands on complete lines and holds the unfinished one for the next run', () => {
    const cutter = new LineCutter();
    expect(text(cutter.cut([Buffer.from('one\ntw')]))).toBe('one\n');
    expect(text(cutter.cut([Buffer.from('o\nthr'), Buffer.from('ee\nfo')]))).toBe('two\nthree\n');
    expect(cutter.cut([Buffer.from('ur')])).toBeUndefined();
    expect(text(cutter.flush())).toBe('four\n');
    expect(cutter.flush()).toBeUndefined();
  });

  it('joins a UTF-8 character split between reads', () => {
    const bytes = Buffer.from('é中😀\n');
    const cutter = new LineCutter();
    const runs: string[] = [];
    for (let index = 0; index < bytes.length; index++) {
      const run = cutter.cut([bytes.subarray(index, index + 1)]);
      if (run) runs.push(run.toString('utf8'));
    }
    expect(runs).toEqual(['é中😀\n']);
  });

  it('builds a run from ranges of several buffers (begin, append, finish)', () => {
    const cutter = new LineCutter();
    const source = Buffer.from('xxab\ncdyy');
    cutter.begin();
    cutter.append(source, 2, 5);
    cutter.append(source, 5, 7);
    expect(text(cutter.finish())).toBe('ab\n');
    cutter.begin();
    cutter.append(Buffer.from('\n'), 0, 1);
    expect(text(cutter.finish())).toBe('cd\n');
  });

  it('hands on a line without end once it reaches the limit, never splitting a character', () => {
    const cutter = new LineCutter(10);
    // 9 ASCII bytes and the first byte of a 2-byte character: the cut falls before it.
    const run = cutter.cut([Buffer.concat([Buffer.from('123456789'), Buffer.from('é').subarray(0, 1)])]);
    expect(text(run)).toBe('123456789\n');
    expect(text(cutter.cut([Buffer.concat([Buffer.from('é').subarray(1), Buffer.from('!\n')])]))).toBe('é!\n');
  });

  it('keeps memory bounded for a stream that never ends a line', () => {
    const cutter = new LineCutter(1024);
    let lines = 0;
    for (let index = 0; index < 1000; index++) {
      const run = cutter.cut([Buffer.alloc(100, 0x61)]);
      if (run) lines += countLines(run);
    }
    // 100,000 bytes in lines of at most 1024 + what is held.
    expect(lines).toBeGreaterThanOrEqual(Math.floor(100_000 / (1024 + 100)));
    expect(cutter.flush()?.length).toBeLessThanOrEqual(1025);
  });
});

describe('countLines and stampAt', () => {
  it('counts newlines and reads the engine timestamp at a line start', () => {
    const run = Buffer.from('2024-05-01T12:00:00.123456789Z first\nplain continuation\n2024-05-01T12:00:01Z second\n');
    expect(countLines(run)).toBe(3);
    expect(stampAt(run, 0)).toBe('2024-05-01T12:00:00.123456789Z');
    expect(stampAt(run, run.indexOf('plain'))).toBe('');
    expect(stampAt(run, run.indexOf('2024-05-01T12:00:01Z'))).toBe('2024-05-01T12:00:01Z');
    expect(stampAt(Buffer.from('2024-05-01T12\n2024-05-01T12:00:00Z x\n'), 0)).toBe('');
  });
});
