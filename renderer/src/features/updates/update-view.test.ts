import { describe, expect, it } from 'vitest';
import type { UpdateRun, UpdatesStatus } from '../../../../common/updates/updates-contract';
import { lastRunTone, lastRunWords, newerReleases, refusedForBackup, seconds } from './update-view';

const run = (outcome: UpdateRun['outcome']): UpdateRun => ({
  jobId: 'j-1',
  trigger: 'manual',
  from: 'v1.0.0',
  to: 'v1.1.0',
  outcome,
  startedAt: '2026-12-07T10:00:00.000Z',
  finishedAt: '2026-12-07T10:05:00.000Z',
});

describe('the updates card', () => {
  it('offers only newer releases, in the order the agent gave', () => {
    const release = (version: string, newer: boolean) => ({
      version,
      publishedAt: '2026-01-01T00:00:00Z',
      notes: '',
      prerelease: false,
      migratesData: false,
      newer,
      pinned: true,
    });
    const status: UpdatesStatus = {
      installed: true,
      running: { version: 'v1.1.0', pinned: true },
      releases: [release('v1.2.0', true), release('v1.1.0', false), release('v1.0.0', false)],
      schedule: { enabled: false, time: '04:30' },
      scheduler: 'none',
    };
    expect(newerReleases(status).map((entry) => entry.version)).toEqual(['v1.2.0']);
  });

  it('words a rollback as a warning and a failed rollback as a problem', () => {
    expect(lastRunTone(run('updated'))).toBe('good');
    expect(lastRunTone(run('rolledBack'))).toBe('warn');
    expect(lastRunTone(run('rollbackFailed'))).toBe('bad');
    expect(lastRunTone(run('failed'))).toBe('bad');
  });

  it('says when a rollback also restored the backup taken before the update', () => {
    const restored: UpdateRun = {
      ...run('rolledBack'),
      error: { code: 'jobs.stepFailed', params: { step: 'gate', cause: 'updates.restoredBack' }, retryable: false },
    };
    expect(lastRunWords(restored)).toBe('restoredBack');
    expect(lastRunTone(restored)).toBe('warn');
    const tagsOnly: UpdateRun = {
      ...run('rolledBack'),
      error: { code: 'jobs.stepFailed', params: { step: 'gate', cause: 'updates.rolledBack' }, retryable: false },
    };
    expect(lastRunWords(tagsOnly)).toBe('rolledBack');
    expect(lastRunWords(run('updated'))).toBe('updated');
  });

  it('offers to go on without a backup only when the backup was what stopped it', () => {
    expect(refusedForBackup({ code: 'updates.backupFailed' })).toBe(true);
    expect(refusedForBackup({ code: 'updates.pullFailed' })).toBe(false);
    expect(refusedForBackup(undefined)).toBe(false);
    expect(seconds(4230)).toBe('4.2');
  });
});
