import { describe, expect, it } from 'vitest';
import type { PreflightFinding } from '../../../../common/agent-contract';
import { groupRecordsByName } from './dns-records';
import { mailClientRows } from './mail-client';
import { byUrgency, preflightGate } from './preflight-gate';
import { overviewStates } from './setup-overview';

function finding(id: PreflightFinding['id'], status: PreflightFinding['status']): PreflightFinding {
  return { id, status, params: {}, detail: '' };
}

describe('the preflight gate', () => {
  it('stops at a blocker, asks about warnings, and lets a clean server through', () => {
    expect(preflightGate([finding('os', 'ok'), finding('ports', 'blocker'), finding('memory', 'warning')])).toBe(
      'blocked',
    );
    expect(preflightGate([finding('os', 'ok'), finding('memory', 'warning')])).toBe('warnings');
    expect(preflightGate([finding('os', 'ok')])).toBe('clear');
  });

  it('lists what needs attention first, keeping the agent’s order within each status', () => {
    const sorted = byUrgency([
      finding('os', 'ok'),
      finding('memory', 'warning'),
      finding('ports', 'blocker'),
      finding('disk', 'warning'),
    ]);
    expect(sorted.map((entry) => entry.id)).toEqual(['ports', 'memory', 'disk', 'os']);
  });
});

describe('the setup overview', () => {
  it('marks the steps before the current one as done', () => {
    expect(overviewStates({ kind: 'noServers' }).addServer).toBe('current');
    const options = overviewStates({ kind: 'wizard', stage: 'options' });
    expect([options.preflight, options.domain, options.plan]).toEqual(['done', 'current', 'upcoming']);
  });

  it('counts the certificates as done once the install succeeded, with DNS next', () => {
    const success = overviewStates({ kind: 'wizard', stage: 'success' });
    expect([success.install, success.dns, success.certificates, success.recoveryKit]).toEqual([
      'done',
      'current',
      'done',
      'upcoming',
    ]);
  });
});

describe('the DNS challenge records', () => {
  it('shows two values under one name together, in the order given, without repeats', () => {
    expect(
      groupRecordsByName([
        { name: '_acme-challenge.example.com', value: 'one' },
        { name: '_acme-challenge.other.example', value: 'three' },
        { name: '_acme-challenge.example.com', value: 'two' },
        { name: '_acme-challenge.example.com', value: 'one' },
      ]),
    ).toEqual([
      { name: '_acme-challenge.example.com', values: ['one', 'two'] },
      { name: '_acme-challenge.other.example', values: ['three'] },
    ]);
  });
});

describe('the mail-app settings', () => {
  it('lists IMAP and POP3 only when present, SMTP always, with the security their port implies', () => {
    expect(mailClientRows({ smtp: { host: 'smtp.example.com', port: 465 } })).toEqual([
      { protocol: 'smtp', host: 'smtp.example.com', port: 465, security: 'tls' },
    ]);
    const full = mailClientRows({
      imap: { host: 'imap.example.com', port: 993 },
      pop3: { host: 'pop3.example.com', port: 995 },
      smtp: { host: 'smtp.example.com', port: 587 },
    });
    expect(full.map((row) => [row.protocol, row.security])).toEqual([
      ['imap', 'tls'],
      ['pop3', 'tls'],
      ['smtp', 'starttls'],
    ]);
  });
});
