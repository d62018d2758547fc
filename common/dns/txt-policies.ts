/**
 * Reading the TXT policies the way receivers do, so a record that says the same thing in other words
 * (an SPF record with more senders, a DMARC record with extra tags) is not reported as wrong.
 */
import { ipInNetwork } from './ip-address.js';

export const isSpf = (text: string): boolean => /^v=spf1(\s|$)/i.test(text.trim());
export const isDmarc = (text: string): boolean => /^v=DMARC1\s*(;|$)/i.test(text.trim());
export const isMtaSts = (text: string): boolean => /^v=STSv1\s*(;|$)/i.test(text.trim());
export const isTlsRpt = (text: string): boolean => /^v=TLSRPTv1\s*(;|$)/i.test(text.trim());

/** tag=value pairs of a DKIM, DMARC, MTA-STS or TLS-RPT record (tag names lower-cased, values trimmed). */
export function parseTags(text: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of text.split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const tag = part.slice(0, at).trim().toLowerCase();
    if (!tags.has(tag)) tags.set(tag, part.slice(at + 1).trim());
  }
  return tags;
}

/** The public key of a DKIM record (p=), whitespace removed as RFC 6376 §3.6.1 allows inside it. */
export function dkimPublicKey(text: string): string | undefined {
  return parseTags(text).get('p')?.replace(/\s+/g, '');
}

/** Whether a DKIM record publishes exactly `expectedKey` with an RSA key type (k= absent means rsa). */
export function dkimMatches(text: string, expectedKey: string): boolean {
  const tags = parseTags(text);
  const version = tags.get('v');
  if (version !== undefined && version !== 'DKIM1') return false;
  if ((tags.get('k') ?? 'rsa').toLowerCase() !== 'rsa') return false;
  return dkimPublicKey(text) === expectedKey.replace(/\s+/g, '');
}

export interface SpfServer {
  domain: string;
  ipv4: string;
  ipv6?: string;
}

/**
 * Whether one SPF record lets the server send: every server address is covered by an ip4/ip6 range or by
 * a bare `a` or `mx` (the domain's own A and MX records, which the plan points at the server), before the
 * record ends in `-all` or `~all`. include:, redirect= and exists: need more lookups and are not followed:
 * a record that relies on them alone for this server is reported, with ours as the fix.
 */
export function spfAuthorizes(text: string, server: SpfServer): boolean {
  const terms = text.trim().split(/\s+/).slice(1);
  const pending = new Set([server.ipv4, ...(server.ipv6 ? [server.ipv6] : [])]);
  for (const raw of terms) {
    const term = raw.toLowerCase();
    const all = /^([-~+?]?)all$/.exec(term);
    if (all) return pending.size === 0 && (all[1] === '-' || all[1] === '~');
    const qualifier = /^[-~?]/.test(term) ? term[0] : '+';
    const mechanism = term.replace(/^[-~+?]/, '');
    if (qualifier !== '+') continue;
    for (const address of [...pending]) {
      const v6 = address.includes(':');
      const range = /^(ip4|ip6):(.+)$/.exec(mechanism);
      const covered =
        mechanism === 'a' ||
        mechanism === 'mx' ||
        mechanism === `a:${server.domain}` ||
        mechanism === `mx:${server.domain}` ||
        (range !== null && (range[1] === 'ip6') === v6 && ipInNetwork(address, range[2] ?? ''));
      if (covered) pending.delete(address);
    }
  }
  // no `all` at the end: anything else gets "neutral", which protects nothing
  return false;
}

/** DMARC that protects: p=quarantine or p=reject. */
export function dmarcEnforces(text: string): boolean {
  const policy = parseTags(text).get('p')?.toLowerCase();
  return policy === 'quarantine' || policy === 'reject';
}

/** MTA-STS TXT with an id of 1 to 32 letters and digits (RFC 8461 §3.1). */
export function mtaStsValid(text: string): boolean {
  return /^[A-Za-z0-9]{1,32}$/.test(parseTags(text).get('id') ?? '');
}

/** TLS-RPT with at least one report address (RFC 8460 §3). */
export function tlsRptValid(text: string): boolean {
  return /^(mailto:|https:)/i.test(parseTags(text).get('rua') ?? '');
}
