import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors/app-error.js';
import { JournalWriter, readJournalEdges } from '../../remote-agent/src/jobs/journal.js';
import { MutatingLock, type LockHolder } from '../../remote-agent/src/jobs/mutating-lock.js';
import { LineSplitter } from '../../common/rpc/line-splitter.js';
import { identify, isAlive } from '../../remote-agent/src/system/process-identity.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mh-agent-unit-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('LineSplitter', () => {
  it('joins partial lines and keeps a multi-byte character split across chunks', () => {
    const splitter = new LineSplitter();
    const bytes = Buffer.from('{"a":"é€"}\r\n{"b":1}\n{"c"', 'utf8');
    const items = [];
    for (let index = 0; index < bytes.length; index++) items.push(...splitter.push(bytes.subarray(index, index + 1)));
    expect(items).toEqual([{ line: '{"a":"é€"}' }, { line: '{"b":1}' }]);
    expect(splitter.push(Buffer.from(':2}\n'))).toEqual([{ line: '{"c":2}' }]);
    expect(splitter.push(Buffer.from('tail'))).toEqual([]);
    expect(splitter.end()).toEqual([{ line: 'tail' }]);
  });

  it('refuses a line over the limit without holding it, and recovers at the next newline', () => {
    const splitter = new LineSplitter(16);
    expect(splitter.push(Buffer.from('0123456789'))).toEqual([]);
    expect(splitter.push(Buffer.from('0123456789'))).toEqual([]);
    expect(splitter.push(Buffer.from('0123456789\nok\n'))).toEqual([{ tooLong: 30 }, { line: 'ok' }]);
    expect(splitter.push(Buffer.from(`${'x'.repeat(17)}\nfine\n`))).toEqual([{ tooLong: 17 }, { line: 'fine' }]);
  });
});

describe('process identity', () => {
  it('tells a live process from a dead one and from a reused pid', () => {
    const self = identify(process.pid);
    expect(isAlive(self)).toBe(true);
    expect(isAlive({ pid: process.pid, startTime: '1' })).toBe(self.startTime === null);
    const exited = spawnSync(process.execPath, ['-e', '0']).pid!;
    expect(isAlive({ pid: exited, startTime: null })).toBe(false);
  });
});

describe('MutatingLock', () => {
  const holder = (jobId: string): LockHolder => ({
    jobId,
    kind: 'diagnostics.steps',
    since: new Date().toISOString(),
    ...identify(process.pid),
  });
  const deadHolder: LockHolder = {
    jobId: 'j-dead',
    kind: 'diagnostics.steps',
    since: new Date(0).toISOString(),
    pid: spawnSync(process.execPath, ['-e', '0']).pid!,
    startTime: '1',
  };

  it('refuses while held by a live holder, naming it; only the holder releases', async () => {
    const lock = new MutatingLock(tempDir());
    await lock.acquire(holder('j-first'), () => {});
    const refusal = await lock.acquire(holder('j-second'), () => {}).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).toData()).toMatchObject({
      code: 'jobs.lockHeld',
      params: { jobId: 'j-first', kind: 'diagnostics.steps', pid: process.pid },
    });
    expect(lock.release('j-second')).toBe(false);
    expect(lock.release('j-first')).toBe(true);
    await lock.acquire(holder('j-second'), () => {});
    expect(lock.read()?.jobId).toBe('j-second');
  });

  it('lets exactly one of many contenders take over a stale lock', async () => {
    const locksDir = tempDir();
    writeFileSync(path.join(locksDir, 'mutating.lock'), JSON.stringify(deadHolder));
    const staleSeen: string[] = [];
    const contenders = Array.from({ length: 12 }, (_, index) =>
      new MutatingLock(locksDir).acquire(holder(`j-contender-${index}`), (stale) => staleSeen.push(stale.jobId)),
    );
    const outcomes = await Promise.allSettled(contenders);
    const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    expect(staleSeen).toEqual(['j-dead']);
    const winner = new MutatingLock(locksDir).read()!.jobId;
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect((outcome.reason as AppError).params.jobId).toBe(winner);
    }
  });

  it('breaks a takeover guard left behind by a process that died inside it', async () => {
    const locksDir = tempDir();
    writeFileSync(path.join(locksDir, 'mutating.lock'), JSON.stringify(deadHolder));
    const guard = path.join(locksDir, 'mutating.lock.takeover');
    mkdirSync(guard);
    const old = new Date(Date.now() - 60_000);
    utimesSync(guard, old, old);
    const lock = new MutatingLock(locksDir);
    await lock.acquire(holder('j-after-crash'), () => {});
    expect(lock.read()?.jobId).toBe('j-after-crash');
  });
});

describe('journal', () => {
  it('numbers lines without gaps across writers and ignores a line still being written', () => {
    const file = path.join(tempDir(), 'journal.jsonl');
    const first = JournalWriter.open(file);
    first.append({ type: 'log', stream: 'info', text: 'one' });
    first.append({ type: 'log', stream: 'info', text: 'two' });
    first.close();
    const second = JournalWriter.open(file);
    expect(second.append({ type: 'finished', status: 'succeeded' }).offset).toBe(2);
    second.close();
    appendFileSync(file, '{"offset":3,"ts":"2026-');
    const edges = readJournalEdges(file);
    expect(edges.first).toMatchObject({ offset: 0, text: 'one' });
    expect(edges.last).toMatchObject({ offset: 2, type: 'finished' });
    expect(edges.nextOffset).toBe(3);
  });
});
