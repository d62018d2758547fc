import { describe, expect, it } from 'vitest';
import type { CertificateInfo, CertificatesStatus } from '../../../../common/certificates/certificates-contract';
import { canRenewNow, certificateRows } from './certificates-view';

const now = new Date('2026-12-07T12:00:00Z');
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000 + 3_600_000).toISOString();

function status(
  info: Partial<CertificateInfo>,
  autoRenew: CertificatesStatus['autoRenew'] = 'cron',
): CertificatesStatus {
  return {
    at: now.toISOString(),
    domain: 'example.com',
    autoRenew,
    certificates: [
      {
        certName: 'example.com',
        names: ['example.com'],
        issuer: 'R11',
        notBefore: inDays(-30),
        notAfter: inDays(60),
        method: 'http-01',
        missingNames: [],
        ...info,
      },
    ],
  };
}

describe('the certificates panel rows', () => {
  it('a certificate that renews by itself with 60 days left needs nothing', () => {
    expect(certificateRows(status({}), now)[0]).toMatchObject({ daysLeft: 60, warnings: [], tone: 'good' });
  });

  it('an expired one is bad, and so is one that misses a name the services need', () => {
    expect(certificateRows(status({ notAfter: inDays(-2) }), now)[0]).toMatchObject({
      daysLeft: -2,
      warnings: ['expired'],
      tone: 'bad',
    });
    expect(certificateRows(status({ missingNames: ['imap.example.com'] }), now)[0]!.tone).toBe('bad');
  });

  it('reminds 30 days ahead for manual DNS, which cannot renew by itself, and not at 31', () => {
    expect(certificateRows(status({ method: 'manual-dns', notAfter: inDays(30) }), now)[0]!.warnings).toEqual([
      'manualRenewalDue',
    ]);
    expect(certificateRows(status({ method: 'manual-dns', notAfter: inDays(31) }), now)[0]!.warnings).toEqual([]);
    // Nothing on the server renews it anyway: no "no automatic renewal" warning for it.
    expect(certificateRows(status({ method: 'manual-dns' }, 'none'), now)[0]!.warnings).toEqual([]);
  });

  it('says when one that should renew by itself has not, or nothing renews at all', () => {
    expect(certificateRows(status({ notAfter: inDays(19) }), now)[0]!.warnings).toEqual(['notRenewing']);
    expect(certificateRows(status({ notAfter: inDays(20) }), now)[0]!.warnings).toEqual([]);
    expect(certificateRows(status({}, 'none'), now)[0]).toMatchObject({ warnings: ['noAutoRenew'], tone: 'warn' });
  });

  it('a port serving another certificate than the one on disk is bad, and names come first', () => {
    const served = [
      { name: 'SMTP (TLS)', port: 465, serves: 'this' as const, detail: 'serial 01' },
      { name: 'IMAP (TLS)', port: 993, serves: 'other' as const, detail: 'serial 00, expires tomorrow' },
      { name: 'POP3 (TLS)', port: 995, serves: 'none' as const, detail: 'ECONNREFUSED' },
    ];
    expect(certificateRows(status({ served }), now)[0]).toMatchObject({ warnings: ['servedDiffers'], tone: 'bad' });
    expect(certificateRows(status({ served, missingNames: ['mx.example.com'] }), now)[0]?.warnings).toEqual([
      'missingNames',
      'servedDiffers',
    ]);
    expect(
      certificateRows(
        status({
          served: served.map((check) => ({
            ...check,
            serves: check.serves === 'other' ? ('this' as const) : check.serves,
          })),
        }),
        now,
      )[0],
    ).toMatchObject({
      warnings: [],
      tone: 'good',
    });
  });

  it('"Renew now" is offered for every method Mailharbor knows (manual DNS with its TXT records), not an unknown one', () => {
    const info = (method: CertificateInfo['method']) => status({ method }).certificates[0]!;
    expect(canRenewNow(info('http-01'))).toBe(true);
    expect(canRenewNow(info('dns-provider'))).toBe(true);
    expect(canRenewNow(info('manual-dns'))).toBe(true);
    expect(canRenewNow(info('unknown'))).toBe(false);
  });
});
