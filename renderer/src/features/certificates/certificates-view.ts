import {
  certificateWarnings,
  daysLeft,
  type CertificateInfo,
  type CertificatesStatus,
  type CertificateWarning,
} from '../../../../common/certificates/certificates-contract';

export interface CertificateRow {
  info: CertificateInfo;
  daysLeft: number;
  warnings: CertificateWarning[];
  /** The row's colour: bad when expired or names are missing, warn for anything else to do. */
  tone: 'good' | 'warn' | 'bad';
}

/** The panel's rows, in the agent's order (the mail domain's own first), judged against `now`. */
export function certificateRows(status: CertificatesStatus, now: Date): CertificateRow[] {
  return status.certificates.map((info) => {
    const warnings = certificateWarnings(info, status.autoRenew, now);
    const bad = warnings.includes('expired') || warnings.includes('missingNames') || warnings.includes('servedDiffers');
    return {
      info,
      daysLeft: daysLeft(info.notAfter, now),
      warnings,
      tone: bad ? 'bad' : warnings.length ? 'warn' : 'good',
    };
  });
}

/**
 * Whether "Renew now" is offered: certbot renews over HTTP-01 or through the DNS provider by itself,
 * and a manual-DNS certificate with the TXT records the job shows and the user publishes; one renewed
 * in a way Mailharbor does not know is left to whoever set it up.
 */
export function canRenewNow(info: CertificateInfo): boolean {
  return info.method === 'http-01' || info.method === 'dns-provider' || info.method === 'manual-dns';
}
