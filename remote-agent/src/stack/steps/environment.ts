import { chmod, writeFile } from 'node:fs/promises';
import {
  assertRedisReadsRdb,
  readDatabaseVersions,
  versionFloors,
  VERSION_KEYS,
  type DatabaseVersions,
} from '../adoption/database-versions.js';
import { EnvFile, readEnvFile } from '../env/env-file.js';
import { mergeEnv, needsReleaseTag, type EnvChange, type EnvMergeResult } from '../env/env-merge.js';
import type { InstallContext, InstallStep } from '../install-step.js';
import { resolveLatestReleaseTag } from '../release-feed.js';
import type { PlannedChange } from '../../../../common/stack/stack-contract.js';
import { writeFileAtomic } from './stack-files.js';

/**
 * environment: the stack's .env, from env.defaults on a first install, completed on a re-run or
 * an adopted upstream install (missing keys added, empty secrets generated, nothing rotated), and
 * readable by root only. Logs and plans carry key names, never values.
 */

const ENV_MODE = 0o600;
/** Stands in for the release tag while planning: the plan only needs to know IMAGE_TAG will be written. */
const PLANNING_TAG = 'v0.0.0';
/** Keeps a plan entry's target within PlannedChangeSchema's 512 characters. */
const KEYS_SHOWN = 8;

async function mergeFor(install: InstallContext, signal?: AbortSignal) {
  const current = await readEnvFile(install.paths.envFile);
  // The mongo and redis whose data is on this server: never pinned below (an adopted install of
  // upstream's setup.sh ran mongo:latest and redis:latest, newer than our defaults).
  const databases = await readDatabaseVersions(install.paths, signal);
  const merge = (tag: string | undefined): EnvMergeResult => {
    const result = mergeEnv({
      existing: current?.text,
      domain: install.options.domain,
      profile: install.options.profile,
      settings: {
        MAILHARBOR_REGISTRY: install.environment.imageRegistry,
        MAILHARBOR_DOCKERHUB_MIRROR: install.environment.dockerHubMirror,
      },
      floors: versionFloors(databases),
      ...(tag === undefined ? {} : { imageTag: tag }),
    });
    assertRedisReadsRdb(
      EnvFile.parse(result.text).get(VERSION_KEYS.redis) ?? '',
      databases.redisRdbFormat,
      databases.redis,
    );
    return result;
  };
  return { current, needsTag: needsReleaseTag(current?.text), merge, databases };
}

/**
 * The version each database is left pinned at, where one runs (or a pin is raised): what an
 * adoption must show, since upstream's floating tags ran newer ones than our defaults.
 */
function databasePlan(result: EnvMergeResult, databases: DatabaseVersions): PlannedChange[] {
  const pinned = EnvFile.parse(result.text);
  return (['mongo', 'redis'] as const).flatMap((image) => {
    const key = VERSION_KEYS[image];
    const raised = result.raised.find((entry) => entry.key === key);
    const running = databases[image];
    if (!running) return [];
    const note = `${image} ${running.version} runs now and keeps running: never an older version than its data was written with`;
    return [
      {
        kind: 'file' as const,
        target: `.env: ${key}=${pinned.get(key) ?? ''}`,
        action: raised ? ('change' as const) : ('keep' as const),
        note: raised ? `${note} (was ${raised.from ?? 'not set'})` : note,
      },
    ];
  });
}

function keysOf(changes: EnvChange[], action: EnvChange['action']): string[] {
  return changes.filter((change) => change.action === action).map((change) => change.key);
}

function keyList(keys: string[]): string {
  const shown = keys.slice(0, KEYS_SHOWN).join(', ');
  return keys.length > KEYS_SHOWN ? `${shown}, … (${keys.length - KEYS_SHOWN} more)` : shown;
}

function describeChanges(changes: EnvChange[]): string {
  const parts = (['added', 'set', 'generated'] as const)
    .map((action) => ({ action, keys: keysOf(changes, action) }))
    .filter((part) => part.keys.length > 0)
    // A fresh file adds every key: a count says as much as 60 names.
    .map((part) => `${part.action} ${part.keys.length > 12 ? `${part.keys.length} keys` : part.keys.join(', ')}`);
  const kept = keysOf(changes, 'kept').length;
  return [...parts, `kept ${kept} key${kept === 1 ? '' : 's'}`].join('; ');
}

export const environmentStep: InstallStep = {
  id: 'environment',
  title: 'Settings and secrets (.env)',

  async plan(install) {
    const { current, needsTag, merge, databases } = await mergeFor(install);
    // Planning never asks the release feed: that IMAGE_TAG gets written is all the review needs.
    const result = merge(needsTag ? PLANNING_TAG : undefined);
    // IMAGE_TAG, the database versions and carried-over values get their own entries, saying why.
    const runningKeys = (['mongo', 'redis'] as const)
      .filter((image) => databases[image])
      .map((image) => VERSION_KEYS[image]);
    const ownEntries = new Set(['IMAGE_TAG', ...runningKeys, ...result.carriedOver.map((v) => v.key)]);
    const changes = result.changes.filter((change) => !ownEntries.has(change.key));
    const target = (keys: string[]) => `.env: ${keyList(keys)}`;
    const planned: PlannedChange[] = [];
    const generated = keysOf(changes, 'generated');
    if (generated.length > 0) {
      planned.push({
        kind: 'secret',
        target: target(generated),
        action: 'create',
        note: 'generated once, never rotated',
      });
    }
    const added = keysOf(changes, 'added');
    if (added.length > 0) {
      planned.push({
        kind: 'file',
        target: current ? target(added) : install.paths.envFile,
        action: current ? 'change' : 'create',
        note: current
          ? 'settings missing from the existing file are added'
          : `${added.length} settings from env.defaults`,
      });
    }
    const set = keysOf(changes, 'set');
    if (set.length > 0) planned.push({ kind: 'file', target: target(set), action: 'change' });
    for (const value of result.carriedOver) {
      planned.push({
        kind: 'file',
        target: `.env: ${value.key}=${value.from} → ${value.to}`,
        action: 'change',
        note: value.why,
      });
    }
    planned.push(...databasePlan(result, databases));
    if (needsTag) {
      planned.push({
        kind: 'file',
        target: '.env: IMAGE_TAG',
        action: 'create',
        note: 'the latest release, resolved at install',
      });
    }
    if (current && (current.mode & 0o777) !== ENV_MODE) {
      planned.push({
        kind: 'file',
        target: install.paths.envFile,
        action: 'change',
        note: 'readable by root only (0600)',
      });
    }
    return planned;
  },

  async check(install, step) {
    const { current, needsTag, merge } = await mergeFor(install, step.signal);
    if (!current || needsTag || (current.mode & 0o777) !== ENV_MODE) return false;
    return !merge(undefined).changed;
  },

  async run(install, step) {
    const { current, needsTag, merge } = await mergeFor(install, step.signal);
    let tag: string | undefined;
    if (needsTag) {
      step.progress(10, 'resolving the latest release');
      tag = await resolveLatestReleaseTag(install.environment.releaseFeedUrl, { signal: step.signal });
      step.log(`latest release: ${tag}`);
    }
    const result = merge(tag);
    step.signal.throwIfAborted();
    for (const entry of result.raised)
      step.log(`${entry.key}: ${entry.from ?? 'not set'} → ${entry.to} (the version that runs now)`);
    for (const value of result.carriedOver) step.log(`${value.key}: ${value.from} → ${value.to} (${value.why})`);
    if (result.changed) {
      // A new inode: containers that bind-mount .env see the new file once they are (re)created.
      // The marker first: if the job dies between the two, the restart still happens on the next run.
      if (current) await writeFile(install.paths.envChangedMarker, `${step.jobId}\n`, { mode: 0o600 });
      await writeFileAtomic(install.paths.envFile, result.text, ENV_MODE);
      step.log(`.env ${current ? 'updated' : 'written'}: ${describeChanges(result.changes)}`);
    } else {
      step.log('.env already complete');
    }
    if (!result.changed && current && (current.mode & 0o777) !== ENV_MODE) {
      await chmod(install.paths.envFile, ENV_MODE);
      step.log(`.env was mode ${(current.mode & 0o777).toString(8)}; now 600`);
    }
  },
};
