import { exec } from '../system/exec.js';

/** restic 0.14 and newer compress (repository format 2); older ones store everything as it is. */
export const COMPRESSION_SINCE = [0, 14] as const;

export interface ResticVersion {
  installed: boolean;
  version?: string;
  compression: boolean;
}

export function parseResticVersion(text: string): string | undefined {
  return /restic (\d+\.\d+\.\d+)/.exec(text)?.[1];
}

export function compresses(version: string | undefined): boolean {
  if (!version) return false;
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > COMPRESSION_SINCE[0] || (major === COMPRESSION_SINCE[0] && minor >= COMPRESSION_SINCE[1]);
}

export async function resticVersion(signal?: AbortSignal): Promise<ResticVersion> {
  const result = await exec('restic', ['version'], { timeoutMs: 15_000, signal });
  if (result.code !== 0) return { installed: false, compression: false };
  const version = parseResticVersion(result.stdout);
  return { installed: true, ...(version ? { version } : {}), compression: compresses(version) };
}
