import { constants } from 'node:fs';
import { copyFile, link, mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Puts `from` at `to` as a hard link (no space) or, across file systems, a copy. false when there
 * is no `from`. For files that are replaced whole rather than written in place (Redis's dump.rdb).
 */
export async function linkOrCopy(from: string, to: string): Promise<boolean> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await link(from, to);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    if (code !== 'EXDEV' && code !== 'EPERM') throw error;
  }
  await copyFile(from, to, constants.COPYFILE_FICLONE);
  return true;
}
