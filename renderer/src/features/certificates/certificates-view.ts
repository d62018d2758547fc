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
    const bad = warnings.includes('expired') || warnings.includes('missingNames');
    return {
      info,
      daysLeft: daysLeft(info.notAfter, now),
      warnings,
      tone: bad ? 'bad' : warnings.length ? 'warn' : 'good',
    };
  });
}
