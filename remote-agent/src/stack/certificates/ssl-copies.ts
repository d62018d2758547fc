import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { StackPaths } from '../stack-paths.js';
import { writeOwnedFile } from './owned-files.js';

/** What certbot keeps in live/<name>/ and the stack reads from ssl/ (mail-stack/env.defaults "TLS certificates"). */
export const CERTIFICATE_FILES = ['privkey.pem', 'fullchain.pem', 'chain.pem', 'cert.pem'] as const;

export function fileMode(file: (typeof CERTIFICATE_FILES)[number]): number {
  return file === 'privkey.pem' ? 0o600 : 0o644;
}

export function liveDir(paths: StackPaths, domain: string): string {
  return path.join(paths.letsencryptDir, 'live', domain);
}

async function readOrUndefined(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}

/** The ssl/ files that are missing, differ from the live certificate, or have another mode (read only). */
export async function staleSslCopies(paths: StackPaths, domain: string): Promise<string[]> {
  const stale: string[] = [];
  for (const file of CERTIFICATE_FILES) {
    const source = await readOrUndefined(path.join(liveDir(paths, domain), file));
    const copy = path.join(paths.sslDir, file);
    const copied = await readOrUndefined(copy);
    const sameMode = copied !== undefined && ((await stat(copy)).mode & 0o777) === fileMode(file);
    if (!source || !copied || !source.equals(copied) || !sameMode) stale.push(file);
  }
  return stale;
}

/**
 * Copies the live certificate into ssl/ the way `cp -L` does: reading live/<domain>/X follows its
 * symlink into archive/, and ssl/ gets plain files (a container cannot follow a link out of its mount).
 * Returns the files it changed.
 */
export async function copyIntoSsl(paths: StackPaths, domain: string): Promise<string[]> {
  const changed: string[] = [];
  // as the stackFiles step makes it: only root reads the keys in there
  await mkdir(paths.sslDir, { recursive: true, mode: 0o700 });
  for (const file of CERTIFICATE_FILES) {
    const content = await readFile(path.join(liveDir(paths, domain), file));
    if ((await writeOwnedFile(path.join(paths.sslDir, file), content, fileMode(file))) !== 'keep') changed.push(file);
  }
  return changed;
}
