import { chmod, writeFile } from 'node:fs/promises';
import { readEnvFile } from '../env/env-file.js';
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

async function mergeFor(install: InstallContext) {
  const current = await readEnvFile(install.paths.envFile);
  const merge = (tag: string | undefined): EnvMergeResult =>
    mergeEnv({
      existing: current?.text,
      domain: install.options.domain,
      profile: install.options.profile,
      settings: {
        MAILHARBOR_REGISTRY: install.environment.imageRegistry,
        MAILHARBOR_DOCKERHUB_MIRROR: install.environment.dockerHubMirror,
      },
      ...(tag === undefined ? {} : { imageTag: tag }),
    });
  return { current, needsTag: needsReleaseTag(current?.text), merge };
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
    const { current, needsTag, merge } = await mergeFor(install);
    // Planning never asks the release feed: that IMAGE_TAG gets written is all the review needs.
    const { changes: all } = merge(needsTag ? PLANNING_TAG : undefined);
    // IMAGE_TAG gets its own entry below, saying where its value comes from.
    const changes = all.filter((change) => change.key !== 'IMAGE_TAG');
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

  async check(install) {
    const { current, needsTag, merge } = await mergeFor(install);
    if (!current || needsTag || (current.mode & 0o777) !== ENV_MODE) return false;
    return !merge(undefined).changed;
  },

  async run(install, step) {
    const { current, needsTag, merge } = await mergeFor(install);
    let tag: string | undefined;
    if (needsTag) {
      step.progress(10, 'resolving the latest release');
      tag = await resolveLatestReleaseTag(install.environment.releaseFeedUrl, { signal: step.signal });
      step.log(`latest release: ${tag}`);
    }
    const result = merge(tag);
    step.signal.throwIfAborted();
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
