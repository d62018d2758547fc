import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, rename, rm, stat, statfs, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../../common/errors/app-error.js';

/**
 * Older compose files of upstream mounted the host's bare /mnt/<SQLITE_STORAGE_PATH> into mx and
 * sqlite_bree, while imap, pop3 and sqlite used ./sqlite-data: an install of that era holds
 * mailboxes in two places. The adoption merges the old folder into sqlite-data, as upstream's own
 * migrate_sqlite_data does, but loses nothing on the way:
 * - a mailbox travels with its -wal, -shm and -journal files as one unit, never mixed from two places;
 * - a mailbox in both places with different contents: the newer unit (by modification time) goes
 *   into sqlite-data, and the other one is kept (the one replaced in sqlite-data is moved to a
 *   folder beside it; the old folder itself is kept whole under a new name);
 * - files are copied, never moved, so the old folder stays complete as the way back.
 * A run that dies halfway is resumed by running again: copied units compare equal and are skipped.
 */

/** The SQLite companions of a database file: they only make sense beside their own database. */
const COMPANION = /-(wal|shm|journal)$/;
/** Left inside the old folder when it cannot be renamed (a mount point): the merge is done. */
export const MERGED_MARKER = '.mailharbor-merged';

export interface MailboxUnit {
  /** The database's path relative to the folder, without companion suffix. */
  key: string;
  /** Relative paths of the unit's files in one folder. */
  files: string[];
  newestMs: number;
}

export type MergeAction =
  | { action: 'copy'; key: string; files: string[] }
  | { action: 'same'; key: string }
  | { action: 'replace'; key: string; files: string[]; replaced: string[] }
  | { action: 'keepCurrent'; key: string };

async function listFiles(root: string, relative = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(root, relative), { withFileTypes: true })) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(root, child)));
    else if (entry.isFile() && entry.name !== MERGED_MARKER) out.push(child);
    // Sockets, symlinks and the like are not mailboxes: left where they are, in the kept folder.
  }
  return out;
}

export async function unitsOf(root: string): Promise<Map<string, MailboxUnit>> {
  const units = new Map<string, MailboxUnit>();
  if (!existsSync(root)) return units;
  for (const file of await listFiles(root)) {
    const key = file.replace(COMPANION, '');
    const { mtimeMs } = await stat(path.join(root, file));
    const unit = units.get(key) ?? { key, files: [], newestMs: 0 };
    unit.files.push(file);
    unit.newestMs = Math.max(unit.newestMs, mtimeMs);
    units.set(key, unit);
  }
  return units;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function sameUnit(legacyDir: string, currentDir: string, legacy: MailboxUnit, current: MailboxUnit) {
  if (legacy.files.length !== current.files.length) return false;
  for (const file of legacy.files) {
    if (!current.files.includes(file)) return false;
    const [a, b] = [path.join(legacyDir, file), path.join(currentDir, file)];
    if ((await stat(a)).size !== (await stat(b)).size) return false;
    if ((await sha256(a)) !== (await sha256(b))) return false;
  }
  return true;
}

/** What the merge does with each mailbox of the old folder. Read only. */
export async function planMailboxMerge(legacyDir: string, currentDir: string): Promise<MergeAction[]> {
  const legacy = await unitsOf(legacyDir);
  const current = await unitsOf(currentDir);
  const actions: MergeAction[] = [];
  for (const unit of [...legacy.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    const there = current.get(unit.key);
    if (!there) actions.push({ action: 'copy', key: unit.key, files: unit.files });
    else if (await sameUnit(legacyDir, currentDir, unit, there)) actions.push({ action: 'same', key: unit.key });
    // Equal times count as newer: a run that died halfway through copying a unit left copies with
    // the old folder's times, and must finish it (what it replaces is kept, in a folder of its own).
    else if (unit.newestMs >= there.newestMs)
      actions.push({ action: 'replace', key: unit.key, files: unit.files, replaced: there.files });
    else actions.push({ action: 'keepCurrent', key: unit.key });
  }
  return actions;
}

/** Copies one file beside its target first, then renames it in: a reader never sees half a file. */
async function copyInto(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  const partial = `${to}.mailharbor-partial`;
  await copyFile(from, partial);
  const source = await lstat(from);
  await utimes(partial, source.atime, source.mtime);
  await rename(partial, to);
}

export interface MergeResult {
  actions: MergeAction[];
  /** Where the old folder is kept now. */
  keptAt: string;
}

/**
 * Merges legacyDir into currentDir (the writers must be stopped). Replaced units of currentDir go
 * to replacedDir. The old folder is then renamed `<name>.migrated-<date>` (upstream's own name for
 * it), or marked as merged where it cannot be renamed.
 */
export async function mergeMailboxes(
  legacyDir: string,
  currentDir: string,
  replacedDir: string,
  now = new Date(),
): Promise<MergeResult> {
  const actions = await planMailboxMerge(legacyDir, currentDir);
  for (const step of actions) {
    if (step.action === 'replace') {
      for (const file of step.replaced) {
        const target = path.join(replacedDir, file);
        await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
        await rename(path.join(currentDir, file), target);
      }
    }
    if (step.action === 'copy' || step.action === 'replace') {
      for (const file of step.files) await copyInto(path.join(legacyDir, file), path.join(currentDir, file));
    }
  }
  return { actions, keptAt: await setAside(legacyDir, now) };
}

async function setAside(legacyDir: string, now: Date): Promise<string> {
  const date = now.toISOString().slice(0, 10).replace(/-/g, '');
  for (let attempt = 1; attempt <= 100; attempt++) {
    const target = `${legacyDir}.migrated-${date}${attempt === 1 ? '' : `-${attempt}`}`;
    if (existsSync(target)) continue;
    try {
      await rename(legacyDir, target);
      return target;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EBUSY' && code !== 'EXDEV' && code !== 'EPERM') throw error;
      // A mount point stays where it is: a marker says its mailboxes are in sqlite-data now.
      await writeFile(path.join(legacyDir, MERGED_MARKER), `${now.toISOString()}\n`, { mode: 0o600 });
      return legacyDir;
    }
  }
  throw new Error(`no free name beside ${legacyDir} to keep it under`);
}

/** Whether the old folder still holds mailboxes to merge (not there, empty or marked: nothing to do). */
export async function hasLegacyMailboxes(legacyDir: string): Promise<boolean> {
  if (!existsSync(legacyDir) || existsSync(path.join(legacyDir, MERGED_MARKER))) return false;
  return (await unitsOf(legacyDir)).size > 0;
}

/** Removes a leftover partial copy from a run that died mid-file (called before planning). */
export async function removePartials(currentDir: string): Promise<void> {
  if (!existsSync(currentDir)) return;
  for (const file of await listFiles(currentDir)) {
    if (file.endsWith('.mailharbor-partial')) await rm(path.join(currentDir, file), { force: true });
  }
}

/** Left free beside the copies: the mail server writes on while it runs again. */
const ROOM_MARGIN_BYTES = 256 * 1024 ** 2;

/** What the merge copies into currentDir, in bytes (the old folder stays, so all of it is new space). */
export async function bytesToCopy(legacyDir: string, actions: readonly MergeAction[]): Promise<number> {
  let bytes = 0;
  for (const step of actions) {
    if (step.action !== 'copy' && step.action !== 'replace') continue;
    for (const file of step.files) bytes += (await stat(path.join(legacyDir, file))).size;
  }
  return bytes;
}

/** Refuses a merge whose copies might not fit, before a service is stopped or a file copied. */
export async function requireRoomForMerge(legacyDir: string, currentDir: string, actions: readonly MergeAction[]) {
  const needed = (await bytesToCopy(legacyDir, actions)) + ROOM_MARGIN_BYTES;
  const stats = await statfs(currentDir);
  const free = stats.bavail * stats.bsize;
  const mb = (bytes: number) => String(Math.ceil(bytes / 1024 ** 2));
  if (free < needed) {
    throw new AppError('stack.notEnoughDisk', {
      params: { freeMb: mb(free), neededMb: mb(needed), path: currentDir },
      detail: `merging ${legacyDir} into ${currentDir} copies ${needed - ROOM_MARGIN_BYTES} bytes (plus a ${ROOM_MARGIN_BYTES}-byte margin); ${free} bytes are free`,
    });
  }
  return { neededMb: mb(needed), freeMb: mb(free) };
}
