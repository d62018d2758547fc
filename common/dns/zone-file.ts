/**
 * The record plan as a BIND zone file fragment (the DNS page's download). Many registrars cannot import
 * one, so the page says so; it is for providers and DNS servers that can. No SOA or NS: those belong to
 * whoever hosts the zone. Browser-safe.
 */
import { presentRecordData } from './record-data.js';
import type { DnsRecordPlan } from './record-plan.js';
import type { DnsRecordData } from './dns-types.js';

/** BIND quoting of one character-string: backslash and double quote escaped, non-printable bytes as \DDD. */
export function quoteTxtString(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x20 || byte > 0x7e) out += `\\${String(byte).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `"${out}"`;
}

function rdata(data: DnsRecordData): string {
  if (data.type === 'TXT') return data.strings.map(quoteTxtString).join(' ');
  if (data.type === 'CAA') return `${data.flags} ${data.tag} ${quoteTxtString(data.value)}`;
  return presentRecordData(data, true);
}

export interface ZoneFileOptions {
  /** First comment line, e.g. when and for which server it was made. */
  comment?: string;
}

/** $ORIGIN, $TTL, then one line per record value with names relative to the origin ('@', 'mx'). */
export function renderZoneFile(plan: DnsRecordPlan, options: ZoneFileOptions = {}): string {
  const lines = [
    `; ${options.comment ?? `DNS records for ${plan.domain}, made by Mailharbor`}`,
    '; Paste these at your DNS provider. Many registrars cannot import a zone file: then add them one by one.',
    '; PTR (reverse DNS) is set at your server provider, not here:',
    ...plan.ptr.map((ptr) => `;   ${ptr.reverseName}. PTR ${ptr.expected}.`),
    `$ORIGIN ${plan.domain}.`,
    `$TTL ${plan.records[0]?.ttl ?? 3600}`,
  ];
  const width = Math.max(...plan.records.map((record) => record.host.length), 1);
  for (const record of plan.records) {
    for (const data of record.data) {
      lines.push(`${record.host.padEnd(width)} ${record.ttl} IN ${record.type.padEnd(5)} ${rdata(data)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
