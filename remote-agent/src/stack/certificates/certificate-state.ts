import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { StackPaths } from '../stack-paths.js';
import { uncoveredNames } from '../../../../common/stack/certificate-names.js';
import { readRenewalParams, sameDirectoryUrl, type RenewalParams } from './renewal-config.js';
import { liveDir } from './ssl-copies.js';

// A certificate closer to expiry than this is renewed: one number for the install and the panel.
import { RENEW_BEFORE_DAYS } from '../../../../common/certificates/certificates-contract.js';

/** What certbot holds for the stack's certificate name, read from /etc/letsencrypt. */
export interface CertificateState {
  /** live/<name>/fullchain.pem exists and its first certificate parses. */
  live: boolean;
  /** The DNS names of its subjectAltName. */
  names: string[];
  notAfter?: Date;
  /** The leaf itself, for what else a reader needs (issuer, not-before). */
  leaf?: X509Certificate;
  /** The fullchain's bytes, to tell whether a certbot run replaced it. */
  fullchain?: Buffer;
  /** undefined when there is no renewal config. */
  renewal?: RenewalParams;
}

export function subjectAltNames(certificate: X509Certificate): string[] {
  // "DNS:example.com, DNS:*.example.com, IP Address:..." (node formats it like OpenSSL)
  return (certificate.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4).replace(/^"|"$/g, ''));
}

export async function readCertificateState(paths: StackPaths, certName: string): Promise<CertificateState> {
  const renewal = await readRenewalParams(paths, certName);
  let fullchain: Buffer;
  try {
    fullchain = await readFile(path.join(liveDir(paths, certName), 'fullchain.pem'));
  } catch {
    return { live: false, names: [], renewal };
  }
  try {
    // X509Certificate reads the first PEM block: the leaf, in a fullchain.
    const leaf = new X509Certificate(fullchain);
    return { live: true, names: subjectAltNames(leaf), notAfter: new Date(leaf.validTo), leaf, fullchain, renewal };
  } catch {
    return { live: false, names: [], fullchain, renewal };
  }
}

export interface CertificateWanted {
  names: readonly string[];
  directoryUrl: string;
  /** RENEWAL_AUTHENTICATOR of the method. */
  authenticator: string;
}

/** Why the certificate is not yet what the install wants; empty when it is. Words for the log and the plan. */
export function certificateProblems(state: CertificateState, wanted: CertificateWanted, now = new Date()): string[] {
  if (!state.live) return ['no certificate yet'];
  const problems: string[] = [];
  const missing = uncoveredNames(wanted.names, state.names);
  if (missing.length) problems.push(`does not name ${missing.join(', ')}`);
  const daysLeft = state.notAfter ? (state.notAfter.getTime() - now.getTime()) / 86_400_000 : -1;
  if (!(daysLeft > RENEW_BEFORE_DAYS)) {
    problems.push(
      `expires ${state.notAfter?.toISOString() ?? 'at an unknown date'} (${Math.floor(daysLeft)} days left)`,
    );
  }
  if (!state.renewal) {
    problems.push('certbot has no renewal configuration for it');
    return problems;
  }
  if (!state.renewal.server || !sameDirectoryUrl(state.renewal.server, wanted.directoryUrl)) {
    problems.push(`issued by ${state.renewal.server ?? 'an unknown ACME server'}, not ${wanted.directoryUrl}`);
  }
  if (state.renewal.authenticator !== wanted.authenticator) {
    problems.push(`renews with ${state.renewal.authenticator ?? 'no authenticator'}, not ${wanted.authenticator}`);
  }
  return problems;
}
