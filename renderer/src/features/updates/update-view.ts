import type { OfferedRelease, UpdateRun, UpdatesStatus } from '../../../../common/updates/updates-contract';

/** The releases the card offers: newer than what runs, newest first (the agent sorts). */
export function newerReleases(status: UpdatesStatus): OfferedRelease[] {
  return status.releases.filter((release) => release.newer);
}

export type LastRunTone = 'good' | 'warn' | 'bad';

/** How the last update reads on the dashboard: its outcome decides the words and the colour. */
export function lastRunTone(run: UpdateRun): LastRunTone {
  if (run.outcome === 'updated') return 'good';
  if (run.outcome === 'rolledBack' || run.outcome === 'cancelled') return 'warn';
  return 'bad';
}

/**
 * Which words tell the last update: its outcome's, except a rollback that also restored the backup
 * taken before it (a release that migrates data), which says so.
 */
export function lastRunWords(run: UpdateRun): UpdateRun['outcome'] | 'restoredBack' {
  if (run.outcome === 'rolledBack' && run.error?.params?.cause === 'updates.restoredBack') return 'restoredBack';
  return run.outcome;
}

/** An update the job refused because the backup before it failed: the user may choose to go on without. */
export function refusedForBackup(error: { code: string } | undefined): boolean {
  return error?.code === 'updates.backupFailed';
}

/** Seconds with one decimal, for "mail was unavailable for 4.2 s". */
export function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}
