import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { keyTypeOf, sha256Fingerprint } from './host-key-fingerprint.js';
import { lineMatchesHost, parseKnownHosts } from './known-hosts-file.js';
import type { KnownHostsStore } from './known-hosts-store.js';

export interface PresentedHostKey {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  key: Buffer;
}

/**
 * What we know about a presented host key:
 * - trusted: the app or ~/.ssh/known_hosts already holds exactly this key;
 * - unknown: nothing is known about this host (first connection): ask the user;
 * - otherTypeKnown: a key of another type is known; OpenSSH asks in this case too, with a warning;
 * - changed: a different key of the same type is known: possible interception, refuse;
 * - revoked: ~/.ssh/known_hosts marks this key @revoked: refuse.
 */
export type HostKeyVerdict =
  | { kind: 'trusted' }
  | { kind: 'unknown' }
  | { kind: 'otherTypeKnown'; knownTypes: string[] }
  | { kind: 'changed'; knownFingerprints: string[] }
  | { kind: 'revoked' };

export function describePresentedKey(host: string, port: number, key: Buffer): PresentedHostKey {
  return { host, port, keyType: keyTypeOf(key), fingerprint: sha256Fingerprint(key), key };
}

export async function judgeHostKey(
  presented: PresentedHostKey,
  store: KnownHostsStore,
  userKnownHostsFile: string | undefined = path.join(homedir(), '.ssh', 'known_hosts'),
): Promise<HostKeyVerdict> {
  const known: Array<{ keyType: string; key: Buffer }> = (await store.entriesFor(presented.host, presented.port)).map(
    (entry) => ({ keyType: entry.keyType, key: Buffer.from(entry.key, 'base64') }),
  );
  for (const line of await readUserKnownHosts(userKnownHostsFile)) {
    if (line.marker === 'cert-authority' || !lineMatchesHost(line, presented.host, presented.port)) continue;
    if (line.marker === 'revoked') {
      if (line.key.equals(presented.key)) return { kind: 'revoked' };
      continue;
    }
    known.push({ keyType: line.keyType, key: line.key });
  }

  if (known.some((entry) => entry.key.equals(presented.key))) return { kind: 'trusted' };
  const sameType = known.filter((entry) => entry.keyType === presented.keyType);
  if (sameType.length > 0) {
    return { kind: 'changed', knownFingerprints: sameType.map((entry) => sha256Fingerprint(entry.key)) };
  }
  if (known.length > 0)
    return { kind: 'otherTypeKnown', knownTypes: [...new Set(known.map((entry) => entry.keyType))] };
  return { kind: 'unknown' };
}

async function readUserKnownHosts(file: string | undefined) {
  if (!file) return [];
  try {
    return parseKnownHosts(await readFile(file, 'utf8'));
  } catch {
    return [];
  }
}
