import { toErrorData } from '../../../common/errors/app-error.js';
import { compareReleaseTags } from '../../../common/updates/release-feed.js';
import { DEFAULT_UPDATE_SCHEDULE, type UpdatesStatus } from '../../../common/updates/updates-contract.js';
import { statePaths, type StatePaths } from '../jobs/state-dir.js';
import type { Handlers } from '../server/rpc-server.js';
import { readInstall } from '../stack/detect.js';
import { stackPaths } from '../stack/stack-paths.js';
import { readFeed } from './feed.js';
import { configureUpdates, readUpdateSettings, updateScheduler } from './update-schedule.js';
import { allPinned, pinsOf } from './running-pins.js';
import { readPrevious, readRuns } from './update-runs.js';
import { updatesPaths } from './updates-paths.js';

/**
 * updates.status reads only (the .env, the feed, the record of runs); updates.configure writes the
 * nightly update's settings and its one timed entry.
 */
export function createUpdatesHandlers(
  paths: StatePaths = statePaths(),
  agentScript = process.argv[1] ?? '',
): Pick<Handlers, 'updates.status' | 'updates.configure'> {
  return {
    'updates.configure': async ({ feedUrl, schedule }) => ({
      scheduler: await configureUpdates(paths, { feedUrl, schedule }, { node: process.execPath, agent: agentScript }),
    }),
    'updates.status': async ({ feedUrl }) => {
      const files = updatesPaths(paths);
      const install = await readInstall(stackPaths());
      const status: UpdatesStatus = {
        installed: install !== undefined,
        releases: [],
        schedule: readUpdateSettings(files)?.schedule ?? DEFAULT_UPDATE_SCHEDULE,
        scheduler: updateScheduler(),
      };
      const running = install?.imageTag;
      if (running) status.running = { version: running, pinned: allPinned(pinsOf((key) => install.file.get(key))) };
      try {
        const feed = await readFeed(feedUrl);
        status.releases = [...feed.releases]
          .sort((a, b) => compareReleaseTags(b.version, a.version))
          .map((release) => ({
            version: release.version,
            publishedAt: release.publishedAt,
            notes: release.notes,
            prerelease: release.prerelease,
            migratesData: release.migratesData,
            newer: running ? compareReleaseTags(release.version, running) > 0 : false,
            pinned: release.pins !== undefined,
          }));
      } catch (error) {
        status.feedError = toErrorData(error, 'agent.internal');
      }
      const [lastRun] = readRuns(files);
      if (lastRun) status.lastRun = lastRun;
      const previous = readPrevious(files);
      if (previous) status.previous = { version: previous.version, keptAt: previous.keptAt };
      return status;
    },
  };
}
