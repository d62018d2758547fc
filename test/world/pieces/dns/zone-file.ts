// Zone files for knot: tests describe a zone either as records (rendered here, with the world's SOA and NS)
// or as full zone text. Either way the SOA serial is chosen here, always above the one knot serves, so a
// reload is never ignored as "older".
import net from 'node:net';

/** Placeholder for the SOA serial in zone text (fixtures and test-written zones). */
export const SERIAL_TOKEN = '@SERIAL@';

export const WORLD_NAMESERVER = 'ns1.mailharbor.test.';
const HOSTMASTER = 'hostmaster.mailharbor.test.';
const DEFAULT_TTL = 60;

export type RecordType = 'A' | 'AAAA' | 'MX' | 'TXT' | 'CNAME' | 'NS' | 'PTR' | 'SRV' | 'CAA';

export interface ZoneRecord {
  /** Relative to the zone ('@', 'mx', 'default._domainkey') or absolute with a trailing dot. */
  name: string;
  type: RecordType;
  /**
   * Record data as in a zone file ('10 mx', '172.29.53.10'). For TXT, the text itself, unquoted: a string
   * longer than 255 characters is split into several strings; an array gives the strings explicitly.
   */
  value: string | readonly string[];
  ttl?: number;
}

const MAX_TXT_STRING = 255;

/** Splits a TXT value into DNS character-strings of at most 255 bytes (DKIM keys are longer). */
export function splitTxt(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length === 0) return [''];
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += MAX_TXT_STRING) {
    parts.push(bytes.subarray(start, start + MAX_TXT_STRING).toString('utf8'));
  }
  return parts;
}

function quoteTxt(part: string): string {
  if (Buffer.byteLength(part, 'utf8') > MAX_TXT_STRING)
    throw new Error(`TXT string longer than 255 bytes: ${part.slice(0, 40)}...`);
  return `"${part.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function renderRdata(record: ZoneRecord): string {
  if (record.type === 'TXT') {
    const parts = typeof record.value === 'string' ? splitTxt(record.value) : [...record.value];
    return parts.map(quoteTxt).join(' ');
  }
  if (typeof record.value !== 'string') throw new Error(`${record.type} ${record.name}: value must be one string`);
  return record.value;
}

function checkOwner(name: string): void {
  if (!/^(@|\*|[a-z0-9_*]([a-z0-9_-]*[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/i.test(name)) {
    throw new Error(`bad owner name in zone record: ${JSON.stringify(name)}`);
  }
}

function soaLine(serial: number): string {
  return `@ ${DEFAULT_TTL} SOA ${WORLD_NAMESERVER} ${HOSTMASTER} ${serial} 3600 600 86400 ${DEFAULT_TTL}`;
}

/** A complete zone file from records: the world's SOA and NS first, then the records in order. */
export function renderRecords(zone: string, records: readonly ZoneRecord[], serial: number): string {
  const lines = [`$ORIGIN ${absolute(zone)}`, `$TTL ${DEFAULT_TTL}`, soaLine(serial), `@ NS ${WORLD_NAMESERVER}`];
  for (const record of records) {
    checkOwner(record.name);
    if (record.type === 'NS' && record.name === '@') continue; // the world's NS is always there
    lines.push(`${record.name} ${record.ttl ?? DEFAULT_TTL} ${record.type} ${renderRdata(record)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Zone text as given, with its serial set. The text must either carry an SOA whose serial is SERIAL_TOKEN,
 * or no SOA at all (the world's SOA and NS are then put in front).
 */
export function renderZoneText(zone: string, text: string, serial: number): string {
  if (text.includes(SERIAL_TOKEN)) return text.split(SERIAL_TOKEN).join(String(serial));
  if (/^\S*\s+(\d+\s+)?(IN\s+)?SOA\s/im.test(text)) {
    throw new Error(
      `zone text for ${zone} has an SOA without ${SERIAL_TOKEN} as its serial; the serial is managed by the world`,
    );
  }
  const header = [`$ORIGIN ${absolute(zone)}`, `$TTL ${DEFAULT_TTL}`, soaLine(serial), `@ NS ${WORLD_NAMESERVER}`];
  return `${header.join('\n')}\n${text.endsWith('\n') ? text : `${text}\n`}`;
}

export function absolute(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

/** A serial above `current`; time-based when possible so serials stay readable and rise across restarts. */
export function nextSerial(current: number | undefined): number {
  const now = Math.floor(Date.now() / 1000);
  const candidate = Math.max(now, (current ?? 0) + 1);
  return candidate % 2 ** 32;
}

/** The PTR owner name of an IPv4 or IPv6 address (1.0.0.127.in-addr.arpa., nibbles.ip6.arpa.). */
export function reverseName(ip: string): string {
  if (net.isIPv4(ip)) return `${ip.split('.').reverse().join('.')}.in-addr.arpa.`;
  if (!net.isIPv6(ip)) throw new Error(`not an IP address: ${ip}`);
  const [head = '', tail = ''] = ip.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = ip.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = ip.includes('::') ? [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups] : headGroups;
  const nibbles = groups.map((g) => g.padStart(4, '0')).join('');
  return `${nibbles.split('').reverse().join('.')}.ip6.arpa.`;
}
