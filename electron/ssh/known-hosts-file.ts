import { createHmac } from 'node:crypto';

/** One usable line of an OpenSSH known_hosts file. */
export interface KnownHostLine {
  marker: 'revoked' | 'cert-authority' | undefined;
  patterns: string[];
  keyType: string;
  key: Buffer;
}

/** How OpenSSH names a host in known_hosts: the bare name on port 22, [name]:port otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function parseKnownHosts(text: string): KnownHostLine[] {
  const lines: KnownHostLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let marker: KnownHostLine['marker'];
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields.shift() === '@revoked' ? 'revoked' : 'cert-authority';
    }
    const [patterns, keyType, key] = fields;
    if (!patterns || !keyType || !key) continue;
    lines.push({ marker, patterns: patterns.split(','), keyType, key: Buffer.from(key, 'base64') });
  }
  return lines;
}

/** Does this line's host list name the host? Handles hashed names, wildcards and negation like OpenSSH. */
export function lineMatchesHost(line: KnownHostLine, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  let matched = false;
  for (const pattern of line.patterns) {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    const hit = body.startsWith('|1|')
      ? hashedMatches(body, name)
      : wildcardMatches(body.toLowerCase(), name.toLowerCase());
    if (hit && negated) return false;
    if (hit) matched = true;
  }
  return matched;
}

function hashedMatches(entry: string, name: string): boolean {
  const [, , salt, hash] = entry.split('|');
  if (!salt || !hash) return false;
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
}

function wildcardMatches(pattern: string, name: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return regex.test(name);
}
