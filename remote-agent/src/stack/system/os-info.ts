import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseOsRelease } from '../../preflight/os-release.js';
import { SYSTEMD_MARKER } from '../../preflight/systemd.js';
import { execOrThrow } from '../../system/exec.js';

/** The distribution as the install needs it: which one, which release, and the release's code name. */
export interface OsInfo {
  id: string;
  versionId: string;
  /** VERSION_CODENAME (or UBUNTU_CODENAME): the suite name apt repositories are organised by. */
  codename: string;
}

/** Releases whose os-release may lack a code name line (older images): the names are fixed facts. */
const KNOWN_CODENAMES: Record<string, Record<string, string>> = {
  debian: { '11': 'bullseye', '12': 'bookworm', '13': 'trixie' },
  ubuntu: { '20.04': 'focal', '22.04': 'jammy', '24.04': 'noble' },
};

/** os-release(5) text to OsInfo; the code name falls back to the table above, else ''. */
export function parseOsInfo(text: string): OsInfo {
  const { id, versionId } = parseOsRelease(text);
  const field = (name: string) => new RegExp(`^\\s*${name}=["']?([a-z0-9-]+)["']?\\s*$`, 'm').exec(text)?.[1];
  const codename = field('VERSION_CODENAME') || field('UBUNTU_CODENAME') || KNOWN_CODENAMES[id]?.[versionId] || '';
  return { id, versionId, codename };
}

export async function readOsInfo(): Promise<OsInfo> {
  const text = await readFile('/etc/os-release', 'utf8').catch(() => '');
  return parseOsInfo(text.slice(0, 64 * 1024));
}

/**
 * Where Docker's repository keeps this distribution: `<repo>/debian` or `<repo>/ubuntu` and the
 * suite. Other distributions (and a missing code name) have no place there: undefined.
 */
export function dockerRepoTarget(os: OsInfo): { os: 'debian' | 'ubuntu'; codename: string } | undefined {
  if ((os.id !== 'debian' && os.id !== 'ubuntu') || !os.codename) return undefined;
  return { os: os.id, codename: os.codename };
}

/** sd_booted(3): systemd is PID 1 exactly when this directory exists (not in plain containers). */
export function systemdRunning(): boolean {
  return existsSync(SYSTEMD_MARKER);
}

/** dpkg's name for this machine's architecture (amd64, arm64), as apt's `arch=` wants it. */
export async function dpkgArchitecture(signal: AbortSignal): Promise<string> {
  const result = await execOrThrow('dpkg', ['--print-architecture'], { timeoutMs: 10_000, signal });
  const arch = result.stdout.trim();
  if (!/^[a-z0-9-]{2,32}$/.test(arch)) throw new Error(`dpkg --print-architecture said "${arch.slice(0, 64)}"`);
  return arch;
}
