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
 * Whether "Renew now" can do it alone: certbot renews over HTTP-01 or through the DNS provider by
 * itself; a manual-DNS certificate needs TXT records from the user (the install's guided step), and
 * one renewed in a way Mailharbor does not know is left to whoever set it up.
 */
export function canRenewNow(info: CertificateInfo): boolean {
  return info.method === 'http-01' || info.method === 'dns-provider';
}
