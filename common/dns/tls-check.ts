/**
 * The certificates the server presents on its implicit-TLS ports (HTTPS 443, SMTPS 465, IMAPS 993,
 * POP3S 995), as a mail client would see them: the names, who issued them, when they expire, and whether a
 * client would trust them for the name it asked for. The handshake is made without rejecting anything, so
 * a bad certificate is described instead of being a connection error.
 */
import { isIP } from 'node:net';
import tls from 'node:tls';
import type { DetailedPeerCertificate, PeerCertificate } from 'node:tls';
import { invalidInput } from './ptr-check.js';

export type TlsState = 'ok' | 'nameMismatch' | 'expired' | 'expiringSoon' | 'untrusted' | 'unreachable';

export interface TlsResult {
  port: number;
  state: TlsState;
  /** The names the certificate covers (DNS names, then IP addresses). */
  names: string[];
  issuer?: string;
  /** ISO 8601. */
  validTo?: string;
  /** Whole days until validTo; negative once expired. */
  daysLeft?: number;
  detail?: string;
}

export interface CheckTlsInput {
  /** Where to connect: the server's address or name. */
  host: string;
  /** The name the certificate must be valid for, sent as SNI (not sent when it is an IP address). */
  servername: string;
  /** Default IMPLICIT_TLS_PORTS. */
  ports?: number[];
  /** Per port, connecting and handshake together. */
  timeoutMs: number;
  /** An extra trusted root (PEM), besides the usual public ones: tests trust their own CA this way. */
  caPem?: string;
  /** Fewer days left than this is 'expiringSoon'. Default EXPIRING_SOON_DAYS. */
  expiringSoonDays?: number;
  /** The clock, for tests. */
  now?: () => Date;
}

export const IMPLICIT_TLS_PORTS: readonly number[] = [443, 465, 993, 995];

/**
 * certbot renews 30 days before expiry, so 14 days left means renewal has been failing for two weeks:
 * worth a warning while there is still time to fix it.
 */
export const EXPIRING_SOON_DAYS = 14;

const DAY_MS = 86_400_000;

type Handshake =
  | {
      kind: 'certificate';
      certificate: PeerCertificate;
      authorized: boolean;
      authorizationError?: string;
    }
  | { kind: 'failed'; detail: string };

function fetchCertificate(input: CheckTlsInput, port: number): Promise<Handshake> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: input.host,
      port,
      // SNI carries host names only (RFC 6066); Node warns when given an address
      servername: isIP(input.servername) ? undefined : input.servername,
      // accepted here, judged below: an untrusted or expired certificate is a finding, not a failure
      rejectUnauthorized: false,
      // the name is judged separately (nameErrorFor): Node's own check would turn a wrong name into a
      // chain error (ERR_TLS_CERT_ALTNAME_INVALID) and hide whether the chain itself is trusted
      checkServerIdentity: () => undefined,
      ca: input.caPem ? [...tls.rootCertificates, input.caPem] : undefined,
    });
    let settled = false;
    const finish = (outcome: Handshake) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(
      () => finish({ kind: 'failed', detail: `no TLS handshake within ${input.timeoutMs} ms` }),
      input.timeoutMs,
    );
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerCertificate(true);
      if (!certificate || Object.keys(certificate).length === 0) {
        finish({ kind: 'failed', detail: 'the server sent no certificate' });
        return;
      }
      const error = socket.authorizationError as Error | string | null | undefined;
      finish({
        kind: 'certificate',
        certificate,
        authorized: socket.authorized,
        authorizationError: error ? (typeof error === 'string' ? error : error.message) : undefined,
      });
    });
    // 'on', not 'once': a second error after destroy() must not go unhandled
    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish({
        kind: 'failed',
        detail: error.code === 'ECONNREFUSED' ? 'connection refused: nothing listens on this port' : error.message,
      }),
    );
    socket.on('close', () =>
      finish({ kind: 'failed', detail: 'the server closed the connection during the handshake' }),
    );
  });
}

/** "DNS:a.example, DNS:b.example, IP Address:192.0.2.1" → names; the subject's CN when there is no SAN. */
export function certificateNames(certificate: Pick<PeerCertificate, 'subjectaltname' | 'subject'>): string[] {
  const dns: string[] = [];
  const ips: string[] = [];
  for (const entry of (certificate.subjectaltname ?? '').split(/,\s*/)) {
    if (entry.startsWith('DNS:')) dns.push(entry.slice(4).toLowerCase());
    else if (entry.startsWith('IP Address:')) ips.push(entry.slice(11));
  }
  if (dns.length + ips.length > 0) return [...dns, ...ips];
  const cn = firstValue(certificate.subject?.CN);
  return cn ? [cn.toLowerCase()] : [];
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** "Let's Encrypt, R11": the issuing organisation and the issuing certificate's name. */
export function issuerName(certificate: Pick<PeerCertificate, 'issuer'>): string | undefined {
  const parts = [firstValue(certificate.issuer?.O), firstValue(certificate.issuer?.CN)].filter(
    (part): part is string => typeof part === 'string' && part !== '',
  );
  return parts.length > 0 ? [...new Set(parts)].join(', ') : undefined;
}

export interface CertificateFacts {
  validFrom: Date;
  validTo: Date;
  /** Node's verdict on the chain ('SELF_SIGNED_CERT_IN_CHAIN', 'CERT_HAS_EXPIRED', ...), undefined when trusted. */
  authorizationError?: string;
  /** Why the certificate does not cover the name asked for, undefined when it does. */
  nameError?: string;
  servername: string;
  now: Date;
  expiringSoonDays: number;
}

/**
 * One verdict per certificate, the most urgent first: expired (mail clients refuse it outright), untrusted
 * (a self-signed fallback or a test CA: not from a public authority), not for this name, expiring soon.
 */
export function judgeCertificate(facts: CertificateFacts): { state: TlsState; daysLeft: number; detail?: string } {
  const daysLeft = Math.floor((facts.validTo.getTime() - facts.now.getTime()) / DAY_MS);
  if (facts.now.getTime() > facts.validTo.getTime())
    return { state: 'expired', daysLeft, detail: `expired on ${facts.validTo.toISOString()}` };
  if (facts.authorizationError === 'CERT_HAS_EXPIRED')
    return { state: 'expired', daysLeft, detail: 'a certificate in the chain has expired (CERT_HAS_EXPIRED)' };
  if (facts.now.getTime() < facts.validFrom.getTime())
    return { state: 'untrusted', daysLeft, detail: `not valid before ${facts.validFrom.toISOString()}` };
  if (facts.authorizationError !== undefined)
    return { state: 'untrusted', daysLeft, detail: `not trusted: ${facts.authorizationError}` };
  if (facts.nameError !== undefined) return { state: 'nameMismatch', daysLeft, detail: facts.nameError };
  if (daysLeft < facts.expiringSoonDays)
    return { state: 'expiringSoon', daysLeft, detail: `expires in ${daysLeft} days: is renewal failing?` };
  return { state: 'ok', daysLeft };
}

function nameErrorFor(servername: string, certificate: PeerCertificate): string | undefined {
  const error = tls.checkServerIdentity(servername, certificate);
  return error ? `the certificate is not valid for ${servername}: ${error.message}` : undefined;
}

async function checkPort(input: CheckTlsInput, port: number): Promise<TlsResult> {
  const handshake = await fetchCertificate(input, port);
  if (handshake.kind === 'failed') return { port, state: 'unreachable', names: [], detail: handshake.detail };
  const certificate = handshake.certificate as DetailedPeerCertificate;
  const names = certificateNames(certificate);
  const issuer = issuerName(certificate);
  const validFrom = new Date(certificate.valid_from);
  const validTo = new Date(certificate.valid_to);
  if (Number.isNaN(validFrom.getTime()) || Number.isNaN(validTo.getTime()))
    return { port, state: 'untrusted', names, issuer, detail: `unreadable validity dates: ${certificate.valid_to}` };
  const verdict = judgeCertificate({
    validFrom,
    validTo,
    authorizationError: handshake.authorized ? undefined : (handshake.authorizationError ?? 'not authorized'),
    nameError: nameErrorFor(input.servername, certificate),
    servername: input.servername,
    now: input.now?.() ?? new Date(),
    expiringSoonDays: input.expiringSoonDays ?? EXPIRING_SOON_DAYS,
  });
  const result: TlsResult = {
    port,
    state: verdict.state,
    names,
    validTo: validTo.toISOString(),
    daysLeft: verdict.daysLeft,
  };
  if (issuer !== undefined) result.issuer = issuer;
  if (verdict.detail !== undefined) result.detail = verdict.detail;
  return result;
}

function checkInput(input: CheckTlsInput): number[] {
  if (typeof input.host !== 'string' || input.host.trim() === '')
    throw invalidInput('host', 'must be a host name or address');
  if (typeof input.servername !== 'string' || input.servername.trim() === '')
    throw invalidInput('servername', 'must be the host name the certificate is for');
  if (!Number.isFinite(input.timeoutMs) || input.timeoutMs <= 0 || input.timeoutMs > 120_000)
    throw invalidInput('timeoutMs', `must be between 1 and 120000 ms, got ${String(input.timeoutMs)}`);
  const ports = input.ports ?? [...IMPLICIT_TLS_PORTS];
  if (!Array.isArray(ports) || ports.length === 0 || ports.length > 16)
    throw invalidInput('ports', 'must list 1 to 16 ports');
  for (const [index, port] of ports.entries())
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw invalidInput(`ports[${index}]`, `must be a port number (1-65535), got ${String(port)}`);
  if (input.caPem !== undefined && !input.caPem.includes('-----BEGIN CERTIFICATE-----'))
    throw invalidInput('caPem', 'must be a PEM certificate');
  return ports;
}

/** Every port at once; each result stands alone, so one closed port does not hide the others. */
export async function checkTls(input: CheckTlsInput): Promise<TlsResult[]> {
  const ports = checkInput(input);
  return Promise.all(ports.map((port) => checkPort(input, port)));
}
