import { constants } from 'node:fs';
import { copyFile, link, lstat, mkdir, readdir, rm, stat, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';

/**
 * A consistent view of the mailboxes for restic to read, while mail keeps flowing, at almost no
 * extra disk. Upstream keeps one SQLite database per mailbox in WAL mode (`<id>.sqlite` with its
 * `-wal` and `-shm`), encrypted with a key the server does not hold, so SQLite's own backup cannot
 * open them. A database is crash-consistent when its files are taken at one instant. So:
 *
 * - with the writers frozen (docker pause, a few milliseconds), every mailbox is staged: one that
 *   was written in the last seconds ("hot") is copied; every other one ("cold") is hard-linked,
 *   which costs no space; the tiny -shm files are always copied;
 * - restic reads the staging folder while mail flows again;
 * - afterwards every hard-linked file is checked: unchanged (same mtime, size and ctime as right
 *   after it was linked) means nothing wrote it while restic read it, so what restic stored is the
 *   frozen instant. A mailbox that was written meanwhile is copied (writers frozen again) and
 *   restic reads just those copies in another round.
 *
 * Transient files are left out: the `tmp/` folder and the `-backup.sqlite` copies upstream makes.
 */

/** A mailbox written this recently is copied rather than linked: it is likely to be written again soon. */
export const HOT_WINDOW_MS = 2_000;

export interface Mailbox {
  /** The database's path relative to sqlite-data, without -wal/-shm. */
  base: string;
  /** Its files, relative to sqlite-data (the database, -wal, -shm, -journal that exist). */
  files: string[];
}

interface LinkedFile {
  rel: string;
  mtimeNs: bigint;
  ctimeNs: bigint;
  size: bigint;
  ino: bigint;
}

export interface StagedMailboxes {
  mailboxes: Mailbox[];
  /** Files hard-linked, with their state right after linking. */
  linked: Map<string, LinkedFile>;
  /** Bytes copied (the only extra disk the stage takes). */
  copiedBytes: number;
  copiedFiles: number;
  /** The file system would not link (staging on another one): everything was copied. */
  linksUnavailable: boolean;
}

const TRANSIENT = /-backup\.sqlite(-wal|-shm|-journal)?$/;
const COMPANION = /-(wal|shm|journal)$/;

/** Every mailbox under `root`, its files grouped with the database they belong to. */
export async function listMailboxes(root: string): Promise<Mailbox[]> {
  const files: string[] = [];
  const walk = async (dir: string, rel: string) => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name === 'tmp') continue;
        await walk(path.join(dir, entry.name), childRel);
      } else if (entry.isFile() && !TRANSIENT.test(entry.name)) {
        files.push(childRel);
      }
    }
  };
  await walk(root, '');
  const groups = new Map<string, string[]>();
  for (const file of files.sort()) {
    const base = file.replace(COMPANION, '');
    groups.set(base, [...(groups.get(base) ?? []), file]);
  }
  return [...groups].map(([base, group]) => ({ base, files: group }));
}

async function copyPreserving(from: string, to: string): Promise<number> {
  await mkdir(path.dirname(to), { recursive: true });
  await rm(to, { force: true });
  // A reflink where the file system has them (btrfs, xfs): instant, and no space until written.
  await copyFile(from, to, constants.COPYFILE_FICLONE);
  const source = await stat(from);
  // restic tells changed files by mtime and size (with --ignore-inode): keep the original's mtime.
  await utimes(to, source.atime, source.mtime);
  return source.size;
}

/**
 * Stages every mailbox from `live` into `stage` (which must not exist yet). Call it with the
 * writers frozen: it only links, copies small or recent files and reads metadata.
 */
export async function stageMailboxes(live: string, stage: string, now = Date.now()): Promise<StagedMailboxes> {
  const mailboxes = await listMailboxes(live);
  const staged: StagedMailboxes = {
    mailboxes,
    linked: new Map(),
    copiedBytes: 0,
    copiedFiles: 0,
    linksUnavailable: false,
  };
  await mkdir(stage, { recursive: true });
  for (const mailbox of mailboxes) {
    const stats = await Promise.all(mailbox.files.map((file) => stat(path.join(live, file), { bigint: true })));
    const hot = stats.some((entry) => Number(entry.mtimeMs) > now - HOT_WINDOW_MS);
    for (const [index, file] of mailbox.files.entries()) {
      const from = path.join(live, file);
      const to = path.join(stage, file);
      if (hot || file.endsWith('-shm') || staged.linksUnavailable) {
        staged.copiedBytes += await copyPreserving(from, to);
        staged.copiedFiles++;
        continue;
      }
      await mkdir(path.dirname(to), { recursive: true });
      try {
        await link(from, to);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV' && (error as NodeJS.ErrnoException).code !== 'EPERM') {
          throw error;
        }
        staged.linksUnavailable = true;
        staged.copiedBytes += await copyPreserving(from, to);
        staged.copiedFiles++;
        continue;
      }
      const after = await lstat(to, { bigint: true });
      if (after.ino !== stats[index]!.ino) throw new Error(`${file} was replaced while it was being staged`);
      staged.linked.set(file, {
        rel: file,
        mtimeNs: after.mtimeNs,
        ctimeNs: after.ctimeNs,
        size: after.size,
        ino: after.ino,
      });
    }
  }
  return staged;
}

/** The mailboxes with a linked file that was written (or replaced) since it was staged. */
export async function changedSinceStaged(live: string, stage: string, staged: StagedMailboxes): Promise<Mailbox[]> {
  const changed = new Set<string>();
  for (const entry of staged.linked.values()) {
    let now;
    try {
      now = await lstat(path.join(live, entry.rel), { bigint: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // Deleted since: a writer may still hold it open, so the staged link is what is checked.
      now = await lstat(path.join(stage, entry.rel), { bigint: true });
    }
    if (
      now.ino !== entry.ino ||
      now.mtimeNs !== entry.mtimeNs ||
      now.ctimeNs !== entry.ctimeNs ||
      now.size !== entry.size
    ) {
      changed.add(entry.rel.replace(COMPANION, ''));
    }
  }
  return staged.mailboxes.filter((mailbox) => changed.has(mailbox.base));
}

/**
 * Replaces the staged files of `mailboxes` by copies of their live files now (writers frozen
 * around this call), so they stand still for the next round; they are linked no more.
 */
export async function restageByCopy(
  live: string,
  stage: string,
  staged: StagedMailboxes,
  mailboxes: Mailbox[],
): Promise<void> {
  for (const mailbox of mailboxes) {
    for (const file of mailbox.files) {
      staged.linked.delete(file);
      await unlink(path.join(stage, file)).catch(() => {});
      try {
        staged.copiedBytes += await copyPreserving(path.join(live, file), path.join(stage, file));
        staged.copiedFiles++;
      } catch (error) {
        // A -wal or -shm that a checkpoint removed meanwhile: the database is whole without it.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
}
