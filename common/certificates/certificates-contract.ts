import { z } from 'zod';
import { ErrorDataSchema } from '../errors/app-error.js';
import { JobIdSchema } from '../jobs/jobs-contract.js';
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

/**
 * certbot's name for a certificate (its folder under live/), as a job's parameter: it is handed to
 * certbot as an argument, so it cannot start with '-' and holds no path or shell character.
 */
export const CertNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{0,252}$/, 'expected a certificate name such as mail.example.com');

/** One TLS port of the stack, asked for its certificate by a TLS client on the server. */
export const ServedCheckSchema = z.object({
  /** SMTP (TLS), IMAP (TLS), POP3 (TLS), HTTPS. */
  name: z.string().min(1).max(32),
  port: z.number().int().min(1).max(65_535),
  /**
   * 'this': the certificate on disk (same SHA-256 fingerprint); 'other': another one (an old one, a
   * service not restarted); 'none': the port does not answer TLS (the service is down).
   */
  serves: z.enum(['this', 'other', 'none']),
  /** The served certificate's serial, or why none was read. */
  detail: z.string().max(500),
});
export type ServedCheck = z.infer<typeof ServedCheckSchema>;

/** The last "Renew now" of a certificate, kept on the server. */
export const RenewalAttemptSchema = z.object({
  at: z.iso.datetime(),
  jobId: JobIdSchema,
  outcome: z.enum(['renewed', 'failed']),
  /** The certificate's serial before and after (after only when renewed). */
  serialBefore: z.string().max(128).optional(),
  serialAfter: z.string().max(128).optional(),
  /** What each TLS port served once the renewal was done. */
  served: z.array(ServedCheckSchema).max(8),
  error: ErrorDataSchema.optional(),
});
export type RenewalAttempt = z.infer<typeof RenewalAttemptSchema>;

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
  /** Only for the domain's own, when any of its TLS ports answers: what each serves now. */
  served: z.array(ServedCheckSchema).max(8).optional(),
  lastRenewal: RenewalAttemptSchema.optional(),
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
 * records); one that should renew by itself but has not; nothing renews at all. A port serving
 * another certificate than the one on disk comes right after the names.
 */
export type CertificateWarning =
  'expired' | 'missingNames' | 'servedDiffers' | 'manualRenewalDue' | 'notRenewing' | 'noAutoRenew';

export function certificateWarnings(info: CertificateInfo, autoRenew: AutoRenew, now: Date): CertificateWarning[] {
  const left = daysLeft(info.notAfter, now);
  const warnings: CertificateWarning[] = [];
  if (left < 0) warnings.push('expired');
  if (info.missingNames.length > 0) warnings.push('missingNames');
  // A service that still serves an older certificate (or another one) after a renewal.
  if (info.served?.some((check) => check.serves === 'other')) warnings.push('servedDiffers');
  if (info.method === 'manual-dns') {
    if (left >= 0 && left <= RENEW_BEFORE_DAYS) warnings.push('manualRenewalDue');
  } else {
    if (left >= 0 && left < NOT_RENEWING_DAYS) warnings.push('notRenewing');
    if (autoRenew === 'none') warnings.push('noAutoRenew');
  }
  return warnings;
}

export const CertificatesRenewParamsSchema = z.object({ certName: CertNameSchema }).strict();
export type CertificatesRenewParams = z.infer<typeof CertificatesRenewParamsSchema>;

// ---- To be spread into agent-contract.ts -------------------------------------------------------------

export const certificatesMethods = {
  /** Read only: every certificate certbot holds, with its names, issuer, dates and how it renews. */
  'certificates.status': forwarded(CertificatesStatusParamsSchema, CertificatesStatusSchema),
} as const;

/** "Renew now": certbot renews the certificate, the deploy hook hands it to the services, a TLS client checks. */
export const certificatesJobKinds = {
  'certificates.renew': { params: CertificatesRenewParamsSchema, mutating: true },
} as const;
