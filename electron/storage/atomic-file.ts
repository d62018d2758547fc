import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces a file in one step: written beside it (0600, folder 0700) and renamed into place, so a
 * crash or a full disk leaves the old file whole, never half of the new one.
 */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, data, { mode: 0o600 });
  await rename(temporary, file);
}

export function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  return writeFileAtomically(file, `${JSON.stringify(value, null, 2)}\n`);
}
