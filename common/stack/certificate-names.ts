import type { CertificateMethod } from './stack-contract.js';

/**
 * The sub-domains an HTTP-01 certificate names besides the bare domain: upstream setup.sh's list, each
 * one an A record the user publishes before the install (HTTP-01 validates every name on its own).
 * sqlite.<domain> is left out, as upstream does: it is a hostname inside the stack only (extra_hosts
 * maps it to 127.0.0.1 in mail-stack/docker-compose.yml), with no public record to validate. The DNS
 * methods ask for `*.<domain>`, which covers it as well.
 */
export const HTTP_CERTIFICATE_LABELS = ['mx', 'smtp', 'imap', 'pop3', 'api', 'caldav', 'carddav'] as const;

/** The names certbot is asked for with this method, in the order passed as -d. */
export function certificateNames(method: CertificateMethod, domain: string): string[] {
  if (method === 'http') return [domain, ...HTTP_CERTIFICATE_LABELS.map((label) => `${label}.${domain}`)];
  return [domain, `*.${domain}`];
}

/**
 * The required names a certificate with these DNS names does not cover. A wildcard covers exactly one
 * more label (RFC 6125), so `*.example.com` covers mx.example.com but neither example.com nor a.b.example.com;
 * a required wildcard is only covered by the same wildcard.
 */
export function uncoveredNames(required: readonly string[], present: readonly string[]): string[] {
  const have = new Set(present.map((name) => name.toLowerCase()));
  return required.filter((wanted) => {
    const name = wanted.toLowerCase();
    if (have.has(name)) return false;
    if (name.startsWith('*.')) return true;
    const parent = name.slice(name.indexOf('.') + 1);
    return !(parent.includes('.') && have.has(`*.${parent}`));
  });
}

/** Same set of names, whatever the order and case. */
export function sameNames(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a.map((name) => name.toLowerCase()));
  const right = new Set(b.map((name) => name.toLowerCase()));
  return left.size === right.size && [...left].every((name) => right.has(name));
}
