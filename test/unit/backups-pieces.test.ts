// The small rules of backups: where they go (strict parsers), what restic's words mean, when the
// schedule runs, how snapshots group into restore points, and the recovery kit's round trip.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BackupDestinationSchema,
  BucketSchema,
  presetEndpoint,
  resticRepository,
  S3EndpointSchema,
} from '../../common/backups/backup-destination.js';
import { DEFAULT_RETENTION, DEFAULT_SCHEDULE, RetentionSchema } from '../../common/backups/backups-contract.js';
import { saveBackupConfig } from '../../remote-agent/src/backups/backup-config.js';
import { backupPaths } from '../../remote-agent/src/backups/backup-paths.js';
import { recordRun } from '../../remote-agent/src/backups/backup-state.js';
import { backupStatus } from '../../remote-agent/src/backups/backup-status.js';
import { resticProblem } from '../../remote-agent/src/backups/restic-errors.js';
import { compresses, parseResticVersion } from '../../remote-agent/src/backups/restic-version.js';
import { pointsOf, type Snapshot } from '../../remote-agent/src/backups/restore-points.js';
import { cronText, nextRunAt } from '../../remote-agent/src/backups/schedule.js';
import { openKit, sealKit, type RecoveryKit } from '../../electron/services/backups/recovery-kit.js';
import { ageDecrypt } from '../support/age-cli.js';

const destination = {
  provider: 'custom' as const,
  endpoint: 'https://s3.example.test:9000',
  region: 'us-east-1',
  bucket: 'mail-backups',
  prefix: 'servers/mx1',
  pathStyle: true,
};

describe('where backups go', () => {
  it('takes an https endpoint and names what is wrong with others', () => {
    expect(S3EndpointSchema.parse(' https://s3.eu-central-1.amazonaws.com/ ')).toBe(
      'https://s3.eu-central-1.amazonaws.com',
    );
    expect(S3EndpointSchema.safeParse('http://s3.example.test').error?.issues[0]?.message).toMatch(/https/);
    expect(S3EndpointSchema.safeParse('https://key:secret@s3.example.test').success).toBe(false);
    expect(S3EndpointSchema.safeParse('https://s3.example.test/bucket').error?.issues[0]?.message).toMatch(
      /nothing after/,
    );
    expect(BucketSchema.safeParse('My_Bucket').success).toBe(false);
    expect(BucketSchema.safeParse('ab').success).toBe(false);
    expect(BucketSchema.safeParse('a..b').success).toBe(false);
    expect(BucketSchema.safeParse('mail-backups.2026').success).toBe(true);
    const refused = BackupDestinationSchema.safeParse({ ...destination, prefix: '../other' });
    expect(refused.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['prefix']);
    expect(presetEndpoint('aws', { region: 'eu-west-3' })).toBe('https://s3.eu-west-3.amazonaws.com');
    expect(presetEndpoint('r2', { region: 'auto', accountId: 'abc123' })).toBe(
      'https://abc123.r2.cloudflarestorage.com',
    );
    expect(resticRepository(BackupDestinationSchema.parse(destination))).toBe(
      's3:https://s3.example.test:9000/mail-backups/servers/mx1',
    );
    expect(RetentionSchema.safeParse({ daily: 0, weekly: 4, monthly: 6 }).success).toBe(false);
  });
});

describe("restic's words", () => {
  it('tell each failure a restore must refuse on its own', () => {
    expect(resticProblem('Fatal: wrong password or no key found').code).toBe('backups.wrongPassword');
    expect(resticProblem('ignoring error for /x: ciphertext verification failed').code).toBe('backups.dataDamaged');
    expect(resticProblem('Pack ID does not match, want 1, got 2').code).toBe('backups.dataDamaged');
    expect(resticProblem('StreamPack: The specified key does not exist.').code).toBe('backups.dataMissing');
    expect(
      resticProblem(
        'Fatal: unable to open config file: Stat: The specified key does not exist.\nIs there a repository at the following location?',
      ).code,
    ).toBe('backups.dataMissing');
    expect(resticProblem('Is there a repository at the following location?').code).toBe('backups.noRepository');
    expect(resticProblem('repository is already locked by PID 1').code).toBe('backups.repositoryLocked');
    expect(resticProblem('something else entirely').code).toBe('backups.resticFailed');
    expect(parseResticVersion('restic 0.14.0 compiled with go1.19.8 on linux/amd64')).toBe('0.14.0');
    expect([compresses('0.12.1'), compresses('0.14.0'), compresses('0.16.4'), compresses(undefined)]).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});

describe('the schedule', () => {
  it('writes one cron line per task, each starting the agent, and refuses odd paths', () => {
    const text = cronText(
      { enabled: true, time: '23:40' },
      { node: '/opt/mailharbor/runtime/node-v22/bin/node', agent: '/opt/mailharbor/agent/1.0-abc/agent.cjs' },
    );
    const lines = text.split('\n').filter((line) => / root /.test(line));
    expect(lines).toEqual([
      '40 23 * * * root /opt/mailharbor/runtime/node-v22/bin/node /opt/mailharbor/agent/1.0-abc/agent.cjs scheduled backups.run >/dev/null 2>&1',
      '25 0 * * 0 root /opt/mailharbor/runtime/node-v22/bin/node /opt/mailharbor/agent/1.0-abc/agent.cjs scheduled backups.check >/dev/null 2>&1',
      '30 0 1 * * root /opt/mailharbor/runtime/node-v22/bin/node /opt/mailharbor/agent/1.0-abc/agent.cjs scheduled backups.drill >/dev/null 2>&1',
    ]);
    expect(() => cronText({ enabled: true, time: '01:00' }, { node: '/bin/node; rm -rf /', agent: '/a' })).toThrow(
      /unexpected/,
    );
    const now = new Date(2026, 11, 7, 3, 0);
    expect(nextRunAt({ enabled: true, time: '03:30' }, now).getTime()).toBe(new Date(2026, 11, 7, 3, 30).getTime());
    expect(nextRunAt({ enabled: true, time: '02:00' }, now).getTime()).toBe(new Date(2026, 11, 8, 2, 0).getTime());
  });
});

describe('restore points', () => {
  it('are the snapshots of one run, complete only with both parts, newest first', () => {
    const snapshot = (id: string, point: string, part: string, time: string): Snapshot => ({
      id,
      time,
      hostname: 'mailharbor-example.com',
      paths: [part === 'mongo' ? '/mongodb.archive' : '/var/lib/mailharbor/backups/stage'],
      tags: ['mailharbor', `point:${point}`, `part:${part}`, 'stack:v1.1.0', 'domain:example.com'],
    });
    const points = pointsOf([
      snapshot('f1', 'j-old-00000001', 'files', '2026-12-01T03:30:00Z'),
      snapshot('m1', 'j-old-00000001', 'mongo', '2026-12-01T03:30:00Z'),
      snapshot('f2', 'j-new-00000002', 'files', '2026-12-02T03:30:00Z'),
    ]);
    expect(points.map((point) => [point.pointId, point.complete, point.stackVersion, point.domain])).toEqual([
      ['j-new-00000002', false, 'v1.1.0', 'example.com'],
      ['j-old-00000001', true, 'v1.1.0', 'example.com'],
    ]);
  });
});

describe('the recovery kit', () => {
  const kit: RecoveryKit = {
    format: 1,
    createdAt: '2026-12-07T10:00:00.000Z',
    domain: 'example.com',
    env: 'DOMAIN=example.com\nSECRET=abc\n',
    dkimKey: '-----BEGIN RSA PRIVATE KEY-----\nxyz\n-----END RSA PRIVATE KEY-----\n',
    backup: {
      settings: {
        destination: BackupDestinationSchema.parse(destination),
        retention: { daily: 7, weekly: 4, monthly: 6 },
        schedule: { enabled: true, time: '03:30' },
      },
      secrets: {
        accessKeyId: 'AKIAEXAMPLE',
        secretAccessKey: 'secret/with+signs',
        repositoryPassword: 'a long repository password',
      },
    },
  };

  it('is a standard age file that opens with the passphrase and only with it, and never holds the secrets in clear', async () => {
    const sealed = await sealKit(kit, 'correct horse battery', 10);
    const text = Buffer.from(sealed).toString('latin1');
    expect(text.startsWith('age-encryption.org/v1\n-> scrypt ')).toBe(true);
    for (const secret of ['secret/with+signs', 'a long repository password', 'SECRET=abc'])
      expect(text).not.toContain(secret);
    expect(await openKit(sealed, 'correct horse battery')).toEqual(kit);
    await expect(openKit(sealed, 'wrong horse battery!')).rejects.toMatchObject({ code: 'kit.wrongPassphrase' });
    await expect(openKit(new TextEncoder().encode('not a kit at all'), 'correct horse battery')).rejects.toMatchObject({
      code: 'kit.unreadable',
    });
    // Mailharbor is not needed to open it: the age tool itself does.
    const dir = mkdtempSync(path.join(tmpdir(), 'mh-kit-'));
    writeFileSync(path.join(dir, 'kit.age'), sealed);
    ageDecrypt(path.join(dir, 'kit.age'), path.join(dir, 'kit.json'), 'correct horse battery');
    expect(JSON.parse(readFileSync(path.join(dir, 'kit.json'), 'utf8'))).toEqual(kit);
  });
});

describe('the stale warning', () => {
  const settings = {
    destination,
    retention: DEFAULT_RETENTION,
    schedule: DEFAULT_SCHEDULE,
  };
  const secrets = {
    accessKeyId: 'AKIAEXAMPLEEXAMPLE12',
    secretAccessKey: 'a-secret-access-key-for-the-unit-test-0001',
    repositoryPassword: 'a repository password for the unit test',
  };
  const DAY = 24 * 60 * 60_000;

  it('waits two nights from the setup before the first backup, and two nights from the last good one after', async () => {
    const paths = backupPaths({
      root: mkdtempSync(path.join(tmpdir(), 'mh-stale-')),
      jobsDir: '',
      locksDir: '',
      workDir: '',
    });
    await saveBackupConfig(paths, { settings, secrets });
    const setUp = Date.now();
    const at = (offset: number) => backupStatus(paths, AbortSignal.timeout(20_000), new Date(setUp + offset));
    expect((await at(DAY)).stale).toBe(false);
    expect((await at(2 * DAY + 60_000)).stale).toBe(true);

    const finishedAt = new Date(setUp + 3 * DAY).toISOString();
    recordRun(paths, {
      jobId: 'j-0mxd097m1-941c683f',
      trigger: 'manual',
      status: 'succeeded',
      startedAt: finishedAt,
      finishedAt,
    });
    expect((await at(4 * DAY)).stale).toBe(false);
    expect((await at(5 * DAY + 60_000)).stale).toBe(true);

    // Without the nightly schedule nothing is late.
    await saveBackupConfig(paths, {
      settings: { ...settings, schedule: { ...DEFAULT_SCHEDULE, enabled: false } },
      secrets,
    });
    expect((await at(30 * DAY)).stale).toBe(false);
  });
});
