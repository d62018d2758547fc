import { toErrorData } from '../../../common/errors/app-error.js';
import { compareReleaseTags, type FeedRelease, type ReleaseFeed } from '../../../common/updates/release-feed.js';
import { startJob } from '../jobs/start-job.js';
import type { StatePaths } from '../jobs/state-dir.js';
import { readInstall } from '../stack/detect.js';
import { stackPaths } from '../stack/stack-paths.js';
import { readFeed } from './feed.js';
import { readUpdateSettings } from './update-schedule.js';
import { recordUpdateRun } from './update-runs.js';
import { updatesPaths } from './updates-paths.js';

/**
 * What the nightly update installs: the newest release newer than what runs that pins its images,
 * is not a pre-release, and does not migrate data (such a release waits for the user, who is told
 * before it what a rollback then means).
 */
export function chooseAutoUpdate(feed: ReleaseFeed, running: string): FeedRelease | undefined {
  return [...feed.releases]
    .filter((release) => release.pins && !release.prerelease && !release.migratesData)
    .filter((release) => compareReleaseTags(release.version, running) > 0)
    .sort((a, b) => compareReleaseTags(b.version, a.version))[0];
}

/**
 * `agent.cjs scheduled updates.apply`: starts the same update job as the app's button when there is
 * something to update to, and leaves. A run that cannot start (the feed unreadable, another job
 * holding the lock) is recorded, with why, for the dashboard.
 */
export async function runScheduledUpdate(paths: StatePaths, agentScript: string): Promise<number> {
  const files = updatesPaths(paths);
  const settings = readUpdateSettings(files);
  if (!settings?.schedule.enabled) {
    console.error('scheduled updates.apply: the nightly update is off');
    return 0;
  }
  const startedAt = new Date().toISOString();
  let target = 'unknown';
  try {
    const install = await readInstall(stackPaths());
    if (!install?.imageTag) throw new Error('no mail server installed');
    const release = chooseAutoUpdate(await readFeed(settings.feedUrl), install.imageTag);
    if (!release) {
      process.stdout.write(`up to date (${install.imageTag})\n`);
      return 0;
    }
    target = release.version;
    const { jobId } = await startJob(
      paths,
      {
        kind: 'updates.apply',
        params: { feedUrl: settings.feedUrl, version: release.version, withoutBackup: false, trigger: 'schedule' },
      },
      agentScript,
      new AbortController().signal,
    );
    process.stdout.write(`${jobId}\n`);
    return 0;
  } catch (error) {
    recordUpdateRun(files, {
      jobId: 'j-scheduled-0',
      trigger: 'schedule',
      to: target,
      outcome: 'failed',
      startedAt,
      finishedAt: new Date().toISOString(),
      error: toErrorData(error, 'agent.internal'),
    });
    console.error(`scheduled updates.apply: ${(error as Error).message}`);
    return 1;
  }
}
