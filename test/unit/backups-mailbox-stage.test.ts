// The staging that makes a backup consistent while mail flows (remote-agent/src/backups/mailbox-stage.ts),
// on real files: cold mailboxes are linked (no space), recent ones and every -shm copied, transient
// files left out, a linked file written afterwards is found, and restaging copies it.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  changedSinceStaged,
  HOT_WINDOW_MS,
  listMailboxes,
  restageByCopy,
  stageMailboxes,
} from '../../remote-agent/src/backups/mailbox-stage.js';

function tree() {
  const root = mkdtempSync(path.join(tmpdir(), 'mh-stage-'));
  const live = path.join(root, 'sqlite-data');
  const stage = path.join(root, 'stage', 'sqlite-data');
  mkdirSync(path.join(live, 'tmp'), { recursive: true });
  const old = (Date.now() - 60_000) / 1000;
  for (const name of ['a.sqlite', 'a.sqlite-wal', 'a.sqlite-shm', 'b.sqlite', 'b.sqlite-wal']) {
    writeFileSync(path.join(live, name), `${name} content`);
    utimesSync(path.join(live, name), old, old);
  }
  // c was written just now: hot.
  writeFileSync(path.join(live, 'c.sqlite'), 'c content');
  writeFileSync(path.join(live, 'c.sqlite-wal'), 'c wal');
  // Transient: upstream's temporary folder and its -backup copies.
  writeFileSync(path.join(live, 'tmp', 'x.sqlite'), 'temp');
  writeFileSync(path.join(live, 'a-backup.sqlite'), 'copy');
  return { live, stage };
}

describe('mailbox staging', () => {
  it('groups each database with its -wal and -shm and leaves transient files out', async () => {
    const { live } = tree();
    expect(await listMailboxes(live)).toEqual([
      { base: 'a.sqlite', files: ['a.sqlite', 'a.sqlite-shm', 'a.sqlite-wal'] },
      { base: 'b.sqlite', files: ['b.sqlite', 'b.sqlite-wal'] },
      { base: 'c.sqlite', files: ['c.sqlite', 'c.sqlite-wal'] },
    ]);
  });

  it('links cold mailboxes, copies hot ones and every -shm, and keeps the copies’ mtime', async () => {
    const { live, stage } = tree();
    const staged = await stageMailboxes(live, stage);
    expect([...staged.linked.keys()].sort()).toEqual(['a.sqlite', 'a.sqlite-wal', 'b.sqlite', 'b.sqlite-wal']);
    expect(statSync(path.join(stage, 'a.sqlite')).ino).toBe(statSync(path.join(live, 'a.sqlite')).ino);
    expect(statSync(path.join(stage, 'c.sqlite')).ino).not.toBe(statSync(path.join(live, 'c.sqlite')).ino);
    expect(statSync(path.join(stage, 'a.sqlite-shm')).ino).not.toBe(statSync(path.join(live, 'a.sqlite-shm')).ino);
    expect(
      Math.abs(statSync(path.join(stage, 'c.sqlite')).mtimeMs - statSync(path.join(live, 'c.sqlite')).mtimeMs),
    ).toBeLessThan(1);
    expect(staged.copiedFiles).toBe(3);
    expect(staged.copiedBytes).toBe('a.sqlite-shm content'.length + 'c content'.length + 'c wal'.length);
    expect(await changedSinceStaged(live, stage, staged)).toEqual([]);
    expect(HOT_WINDOW_MS).toBeGreaterThan(0);
  });

  it('finds a linked mailbox written after staging, and restaging freezes it as a copy', async () => {
    const { live, stage } = tree();
    const staged = await stageMailboxes(live, stage);
    appendFileSync(path.join(live, 'b.sqlite-wal'), ' and a new frame');
    const changed = await changedSinceStaged(live, stage, staged);
    expect(changed.map((mailbox) => mailbox.base)).toEqual(['b.sqlite']);
    await restageByCopy(live, stage, staged, changed);
    expect(staged.linked.has('b.sqlite-wal')).toBe(false);
    appendFileSync(path.join(live, 'b.sqlite-wal'), ' and another');
    expect(readFileSync(path.join(stage, 'b.sqlite-wal'), 'utf8')).toBe('b.sqlite-wal content and a new frame');
    expect(await changedSinceStaged(live, stage, staged)).toEqual([]);
  });
});
