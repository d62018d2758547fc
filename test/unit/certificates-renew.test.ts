// "Renew now" pieces that need no server: the certificate-name parser (the name travels to certbot
// as an argument), the per-certificate record of the last attempt, and which TLS ports are asked.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CertificatesRenewParamsSchema, type RenewalAttempt } from '../../common/certificates/certificates-contract.js';
import {
  readRenewalAttempts,
  recordRenewalAttempt,
  renewalAttemptsFile,
} from '../../remote-agent/src/certificates/renewal-attempts.js';
import { tlsPortsOf } from '../../remote-agent/src/certificates/served-certificates.js';
import { statePaths } from '../../remote-agent/src/jobs/state-dir.js';

describe('the certificate name "Renew now" hands to certbot', () => {
  it('takes certbot folder names as the install makes them', () => {
    for (const certName of ['mail.example.com', 'example.com', 'xn--bcher-kva.example', 'a', 'example.com-0001']) {
      expect(CertificatesRenewParamsSchema.safeParse({ certName }).success, certName).toBe(true);
    }
  });

  it('refuses anything certbot could read as an option, a path or a second argument, naming the field', () => {
    const hostile = [
      '',
      '-d',
      '--staging',
      '../live',
      'a/b',
      'a b',
      'a\nb',
      'a\u2028b',
      'Example.com',
      'a;rm -rf /',
      '$(id)',
      '`id`',
      'a'.repeat(254),
      '.example.com',
    ];
    for (const certName of hostile) {
      const parsed = CertificatesRenewParamsSchema.safeParse({ certName });
      expect(parsed.success, JSON.stringify(certName)).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(['certName']);
    }
    expect(CertificatesRenewParamsSchema.safeParse({ certName: 'example.com', extra: 1 }).success).toBe(false);
  });
});

describe('the record of the last renewal attempt', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  const attempt = (at: string, outcome: RenewalAttempt['outcome']): RenewalAttempt => ({
    at,
    jobId: 'j-mh1x2y3z-1a2b3c4d',
    outcome,
    serialBefore: '0A',
    served: [],
  });

  it('keeps the newest attempt per certificate, in a private directory, and reads a damaged file as none', () => {
    root = mkdtempSync(path.join(tmpdir(), 'mh-renewals-'));
    const paths = statePaths({ MAILHARBOR_AGENT_STATE_DIR: root });
    expect(readRenewalAttempts(paths)).toEqual({});
    recordRenewalAttempt(paths, 'a.example', attempt('2026-12-01T00:00:00.000Z', 'failed'));
    recordRenewalAttempt(paths, 'b.example', attempt('2026-12-02T00:00:00.000Z', 'renewed'));
    recordRenewalAttempt(paths, 'a.example', attempt('2026-12-03T00:00:00.000Z', 'renewed'));
    const read = readRenewalAttempts(paths);
    expect(Object.keys(read).sort()).toEqual(['a.example', 'b.example']);
    expect(read['a.example']).toMatchObject({ at: '2026-12-03T00:00:00.000Z', outcome: 'renewed' });
    expect(statSync(path.dirname(renewalAttemptsFile(paths))).mode & 0o777).toBe(0o700);
    writeFileSync(renewalAttemptsFile(paths), '{"a.example": {"outcome": "maybe"}}');
    expect(readRenewalAttempts(paths)).toEqual({});
    writeFileSync(renewalAttemptsFile(paths), 'not json');
    expect(readRenewalAttempts(paths)).toEqual({});
  });

  it('stays bounded: the oldest certificates drop out beyond 100', () => {
    root = mkdtempSync(path.join(tmpdir(), 'mh-renewals-'));
    const paths = statePaths({ MAILHARBOR_AGENT_STATE_DIR: root });
    for (let index = 0; index < 120; index++) {
      const at = new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString();
      recordRenewalAttempt(paths, `c${index}.example`, attempt(at, 'renewed'));
    }
    const kept = Object.keys(JSON.parse(readFileSync(renewalAttemptsFile(paths), 'utf8')) as object);
    expect(kept).toHaveLength(100);
    expect(kept).toContain('c119.example');
    expect(kept).not.toContain('c19.example');
  });
});

describe('the TLS ports asked which certificate they serve', () => {
  it('465, 993, 995 and 443 for the full stack, at the ports .env moved them to', () => {
    expect(tlsPortsOf(() => undefined, 'full').map((port) => port.port)).toEqual([465, 993, 995, 443]);
    const moved = { SMTP_PORT: '2465', IMAP_PORT: '2993', POP3_PORT: 'not a port' } as Record<string, string>;
    expect(tlsPortsOf((key) => moved[key], 'full').map((port) => port.port)).toEqual([2465, 2993, 995, 443]);
  });

  it('without IMAP and POP3 where the profile does not run them', () => {
    expect(tlsPortsOf(() => undefined, 'forwarding').map((port) => port.name)).toEqual(['SMTP (TLS)', 'HTTPS']);
  });
});
