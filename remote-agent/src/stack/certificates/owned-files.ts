import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type FileChange = 'create' | 'change' | 'keep';

/** What writing `content` with `mode` would do to `file` now (read only). */
export async function fileChange(file: string, content: string | Buffer, mode: number): Promise<FileChange> {
  let current: Buffer;
  try {
    current = await readFile(file);
  } catch {
    return 'create';
  }
  const sameMode = ((await stat(file)).mode & 0o777) === mode;
  return sameMode && current.equals(Buffer.from(content)) ? 'keep' : 'change';
}

/**
 * Writes a file the agent owns entirely, only when its content or mode differ. The new content goes to
 * a temporary file created with the final mode and is renamed over the old one, so nobody ever reads
 * half a file and a secret is never readable by others, not even for a moment.
 */
export async function writeOwnedFile(file: string, content: string | Buffer, mode: number): Promise<FileChange> {
  const change = await fileChange(file, content, mode);
  if (change === 'keep') return change;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o755 });
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content, { mode, flag: 'wx' });
    await chmod(temporary, mode); // the umask may have narrowed the mode given to open()
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
  return change;
}
