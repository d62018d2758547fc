import { z } from 'zod';
import { forwarded } from '../rpc/method-spec.js';

/**
 * The certificates panel: what certbot holds on the server (/etc/letsencrypt/live), as the agent
 * reads it, and the rules that turn it into warnings, here so that the agent, the app and the tests
 * cannot disagree about when a certificate needs attention.
 */

/** How a certificate renews, from its renewal config's authenticator. */
export const RenewalMethodSchema = z.enum(['http-01', 'dns-provider', 'manual-dns', 'unknown']);
export type RenewalMethod = z.infer<typeof RenewalMethodSchema>;

/** What renews certificates by itself: certbot's systemd timer, a cron entry, or nothing. */
export const AutoRenewSchema = z.enum(['systemd-timer', 'cron', 'none']);
export type AutoRenew = z.infer<typeof AutoRenewSchema>;

const DnsName = z.string().min(1).max(253);

export const CertificateInfoSchema = z.object({
  /** certbot's name for it (its folder under live/). */
  certName: z.string().min(1).max(253),
  names: z.array(DnsName).max(100),
  /** The issuer's common name (or organisation). */
  issuer: z.string().max(500),
  notBefore: z.iso.datetime(),
  notAfter: z.iso.datetime(),
  method: RenewalMethodSchema,
  /** The DNS plugin when method is dns-provider (cloudflare, digitalocean, route53). */
  provider: z.string().max(64).optional(),
  /** Names the mail domain's services need that this certificate does not cover (only for the domain's own). */
  missingNames: z.array(DnsName).max(100),
});
export type CertificateInfo = z.infer<typeof CertificateInfoSchema>;

export const CertificatesStatusSchema = z.object({
  at: z.iso.datetime(),
  /** The mail domain of the install (DOMAIN in .env), when there is one. */
  domain: z.string().max(253).optional(),
  certificates: z.array(CertificateInfoSchema).max(100),
  autoRenew: AutoRenewSchema,
});
export type CertificatesStatus = z.infer<typeof CertificatesStatusSchema>;

export const CertificatesStatusParamsSchema = z.object({}).strict();

/** certbot renews this many days before expiry (its renew_before_expiry default). */
export const RENEW_BEFORE_DAYS = 30;
/** A certificate that renews by itself and has fewer days left than this is not renewing. */
export const NOT_RENEWING_DAYS = 20;

const DAY_MS = 86_400_000;

/** Whole days left, rounded down; negative once expired. */
export function daysLeft(notAfter: string, now: Date): number {
  return Math.floor((Date.parse(notAfter) - now.getTime()) / DAY_MS);
}

/**
 * What needs the user's attention, most urgent first: expired; names missing; a manual-DNS
 * certificate inside certbot's renewal window (it cannot renew by itself: the user publishes TXT
 * records); one that should renew by itself but has not; nothing renews at all.
 */
export type CertificateWarning = 'expired' | 'missingNames' | 'manualRenewalDue' | 'notRenewing' | 'noAutoRenew';

export function certificateWarnings(info: CertificateInfo, autoRenew: AutoRenew, now: Date): CertificateWarning[] {
  const left = daysLeft(info.notAfter, now);
  const warnings: CertificateWarning[] = [];
  if (left < 0) warnings.push('expired');
  if (info.missingNames.length > 0) warnings.push('missingNames');
  if (info.method === 'manual-dns') {
    if (left >= 0 && left <= RENEW_BEFORE_DAYS) warnings.push('manualRenewalDue');
  } else {
    if (left >= 0 && left < NOT_RENEWING_DAYS) warnings.push('notRenewing');
    if (autoRenew === 'none') warnings.push('noAutoRenew');
  }
  return warnings;
}

// ---- To be spread into agent-contract.ts -------------------------------------------------------------

export const certificatesMethods = {
  /** Read only: every certificate certbot holds, with its names, issuer, dates and how it renews. */
  'certificates.status': forwarded(CertificatesStatusParamsSchema, CertificatesStatusSchema),
} as const;
