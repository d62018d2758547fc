/**
 * Record data as people and zone files write it ("10 mx.example.com"), and as comparisons see it
 * (lower-case names, one spelling per IP address, TXT strings joined: a resolver or registrar may split a
 * long TXT value differently, and receivers join the strings before reading it).
 */
import { canonicalIp } from './ip-address.js';
import { normalizeName } from './dns-names.js';
import type { DnsRecordData } from './dns-types.js';

/** The text of a TXT record: its character-strings joined, as SPF, DKIM and DMARC readers do. */
export function joinTxt(strings: readonly string[]): string {
  return strings.join('');
}

const MAX_TXT_STRING_BYTES = 255;
const UTF8 = new TextEncoder();

/**
 * Splits a TXT value into character-strings of at most 255 bytes (a 2048-bit DKIM key is longer than one
 * string may be). Splits between characters, never inside a multi-byte one.
 */
export function splitTxt(text: string): string[] {
  if (text === '') return [''];
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of text) {
    const size = UTF8.encode(char).length;
    if (bytes + size > MAX_TXT_STRING_BYTES) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  parts.push(current);
  return parts;
}

function host(name: string, absolute: boolean): string {
  const normalized = normalizeName(name);
  return absolute ? `${normalized}.` : normalized;
}

/**
 * The data as a value field: '172.29.53.10', '10 mx.example.com', '0 issue "letsencrypt.org"', a TXT record's
 * joined text. `absolute` adds the trailing dot to names, as zone files need.
 */
export function presentRecordData(data: DnsRecordData, absolute = false): string {
  switch (data.type) {
    case 'A':
    case 'AAAA':
      return data.value;
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return host(data.value, absolute);
    case 'MX':
      return `${data.preference} ${host(data.exchange, absolute)}`;
    case 'TXT':
      return joinTxt(data.strings);
    case 'SRV':
      return `${data.priority} ${data.weight} ${data.port} ${host(data.target, absolute)}`;
    case 'CAA':
      return `${data.flags} ${data.tag} "${data.value}"`;
    case 'SOA':
      return `${host(data.mname, absolute)} ${host(data.rname, absolute)} ${data.serial}`;
  }
}

/** A key equal for equal records: names normalised, IPs canonical, TXT joined, CAA tags lower-case. */
export function recordKey(data: DnsRecordData): string {
  switch (data.type) {
    case 'A':
    case 'AAAA':
      return `${data.type} ${canonicalIp(data.value)}`;
    case 'CAA':
      return `CAA ${data.flags} ${data.tag.toLowerCase()} ${data.value.trim().toLowerCase()}`;
    case 'TXT':
      return `TXT ${joinTxt(data.strings)}`;
    default:
      return `${data.type} ${presentRecordData(data).toLowerCase()}`;
  }
}
