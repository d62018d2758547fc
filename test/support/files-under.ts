import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Every file below `dir`, at any depth: where tests look for a secret that must not be there in plain text. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}
