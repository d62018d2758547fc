import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where Docker's install guide puts its key and source; a server set up by hand has the same names. */
export const DOCKER_KEYRING = '/etc/apt/keyrings/docker.asc';
export const DOCKER_SOURCE_LIST = '/etc/apt/sources.list.d/docker.list';

/** Docker's own packages: engine, CLI, containerd, and Compose v2 as the `docker compose` plugin. */
export const DOCKER_CE_PACKAGES = [
  'docker-ce',
  'docker-ce-cli',
  'containerd.io',
  'docker-buildx-plugin',
  'docker-compose-plugin',
];

/** First line of the source file we write: how a later run tells our file from the user's. */
export const SOURCE_MARKER = "# Added by Mailharbor: Docker's official repository.";

const KEY_FETCH_TIMEOUT_MS = 20_000;
/** Docker's key is ~4 KiB; anything much larger is not it. */
const KEY_MAX_BYTES = 64 * 1024;
const KEY_HEADER = '-----BEGIN PGP PUBLIC KEY BLOCK-----';

/** `${repository}/debian` or `/ubuntu`, without doubling a trailing slash of the configured address. */
export function dockerRepositoryUrl(repository: string, os: 'debian' | 'ubuntu'): string {
  return `${repository.replace(/\/+$/, '')}/${os}`;
}

/** The one-line apt source Docker's guide gives, pinned to the architecture and to its own key. */
export function dockerSourceFile(repositoryUrl: string, arch: string, codename: string): string {
  return `${SOURCE_MARKER}\ndeb [arch=${arch} signed-by=${DOCKER_KEYRING}] ${repositoryUrl} ${codename} stable\n`;
}

/**
 * Fetches Docker's ASCII-armoured signing key, bounded in time (20 s) and size. An unreachable
 * repository fails here, before anything is written.
 */
export async function fetchDockerKey(url: string, signal: AbortSignal): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(KEY_FETCH_TIMEOUT_MS)]) });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > KEY_MAX_BYTES) throw new Error(`GET ${url}: ${declared} bytes is too large for a key`);
  const key = await readBounded(response, KEY_MAX_BYTES);
  if (!key.trimStart().startsWith(KEY_HEADER)) throw new Error(`GET ${url}: not an ASCII-armoured PGP public key`);
  return key;
}

async function readBounded(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new Error(`response larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Key and source, world-readable: apt reads them as its unprivileged _apt user. */
export async function writeDockerSource(key: string, sourceFile: string): Promise<void> {
  await mkdir(path.dirname(DOCKER_KEYRING), { recursive: true, mode: 0o755 });
  await writeFile(DOCKER_KEYRING, key, { mode: 0o644 });
  await writeFile(DOCKER_SOURCE_LIST, sourceFile, { mode: 0o644 });
}

/** A file as it was before this run touched it: its bytes, or undefined when it did not exist. */
export interface FileBefore {
  path: string;
  content: Buffer | undefined;
}

export async function snapshot(file: string): Promise<FileBefore> {
  try {
    return { path: file, content: await readFile(file) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path: file, content: undefined };
    throw error;
  }
}

export function isOurSourceFile(content: Buffer | string | undefined): boolean {
  return content !== undefined && content.toString('utf8').startsWith(SOURCE_MARKER);
}

/**
 * Undoes writeDockerSource after a failed attempt, so a broken source cannot fail every later
 * `apt-get update` (the fallback's included). Files that did not exist, or that an earlier
 * interrupted run of ours wrote, are removed; a source and key the user had are put back as
 * they were.
 */
export async function undoDockerSource(listBefore: FileBefore, keyBefore: FileBefore): Promise<void> {
  const earlierRunOfOurs = isOurSourceFile(listBefore.content);
  for (const before of [listBefore, keyBefore]) {
    if (before.content === undefined || earlierRunOfOurs) await rm(before.path, { force: true });
    else await writeFile(before.path, before.content);
  }
}
