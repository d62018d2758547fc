import path from 'node:path';
import { AppError } from '../../../../common/errors/app-error.js';
import { MAILBOX_WRITERS } from '../../../../common/stack/services.js';
import type { PlannedChange } from '../../../../common/stack/stack-contract.js';
import { inspectAll, stateOf, withEngine } from '../../docker/containers.js';
import { execOrThrow } from '../../system/exec.js';
import {
  bytesToCopy,
  hasLegacyMailboxes,
  mergeMailboxes,
  planMailboxMerge,
  removePartials,
  requireRoomForMerge,
  type MergeAction,
} from '../adoption/legacy-mailboxes.js';
import { readRootCrontab, removeUpstreamEntries, splitUpstreamEntries } from '../adoption/upstream-crontab.js';
import { EnvFile, readEnvFile } from '../env/env-file.js';
import type { InstallContext, InstallStep } from '../install-step.js';

/**
 * adoption: what an install made by upstream's setup.sh leaves behind outside its .env. Upstream's
 * entries in root's crontab come out (kept in a file first); mailboxes an older install kept in
 * the host's /mnt/<SQLITE_STORAGE_PATH> are merged into sqlite-data. Nothing to do on a server that
 * never ran setup.sh. Runs just before the containers start, so mail is stopped for the merge only.
 */

const STORAGE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
/** PlannedChangeSchema's target is at most 512 characters. */
const TARGET_CHARS = 500;

async function legacyDirOf(install: InstallContext): Promise<string> {
  const env = await readEnvFile(install.paths.envFile);
  const name = (env && EnvFile.parse(env.text).get('SQLITE_STORAGE_PATH')) || 'sqlite_storage';
  if (!STORAGE_NAME.test(name)) {
    throw new AppError('stack.storagePathInvalid', {
      params: { field: 'SQLITE_STORAGE_PATH' },
      detail: `SQLITE_STORAGE_PATH is ${JSON.stringify(name)}, not a folder name`,
    });
  }
  return path.join(install.paths.mntDir, name);
}

function mergeNote(action: MergeAction, legacyDir: string): { action: PlannedChange['action']; note: string } {
  switch (action.action) {
    case 'copy':
      return { action: 'copy', note: `only in ${legacyDir}: copied into sqlite-data` };
    case 'same':
      return { action: 'keep', note: 'the same in both places' };
    case 'replace':
      return {
        action: 'copy',
        note: `newer in ${legacyDir}: copied into sqlite-data; the older copy there is kept in sqlite-data.replaced-<time>`,
      };
    case 'keepCurrent':
      return {
        action: 'keep',
        note: `newer in sqlite-data: kept; the older copy stays in ${legacyDir}.migrated-<date>`,
      };
  }
}

async function stopWriters(signal: AbortSignal, log: (line: string) => void): Promise<void> {
  const states = await withEngine((engine) => inspectAll(engine, MAILBOX_WRITERS, signal));
  const running = MAILBOX_WRITERS.filter((_, index) => stateOf(states[index]) === 'running');
  if (running.length === 0) return;
  log(`stopping ${running.join(', ')} while their mailboxes are merged`);
  await execOrThrow('docker', ['stop', ...running], { timeoutMs: 5 * 60_000, signal });
}

export const adoptionStep: InstallStep = {
  id: 'adoption',
  title: 'Take over from setup.sh',

  async plan(install) {
    const planned: PlannedChange[] = [];
    for (const line of splitUpstreamEntries(await readRootCrontab(), install.paths.dir).removed) {
      planned.push({
        kind: 'schedule',
        target: line.slice(0, TARGET_CHARS),
        action: 'remove',
        note: `upstream's entry in root's crontab: Mailharbor's backups, updates and certificate checks do its work; the crontab as it was is kept in ${path.join(install.paths.agentEtcDir, 'adopted')}`,
      });
    }
    const legacyDir = await legacyDirOf(install);
    if (await hasLegacyMailboxes(legacyDir)) {
      for (const action of await planMailboxMerge(legacyDir, install.paths.sqliteData)) {
        planned.push({ kind: 'mailbox', target: action.key.slice(0, TARGET_CHARS), ...mergeNote(action, legacyDir) });
      }
      const actions = await planMailboxMerge(legacyDir, install.paths.sqliteData);
      const mb = Math.ceil((await bytesToCopy(legacyDir, actions)) / 1024 ** 2);
      planned.push({
        kind: 'directory',
        target: legacyDir,
        action: 'keep',
        note: `kept whole as ${legacyDir}.migrated-<date> after the merge, which copies about ${mb} MB and needs that much free space; the mailbox services stop for the merge`,
      });
    }
    return planned;
  },

  async check(install, step) {
    const crontab = await readRootCrontab(step.signal);
    if (splitUpstreamEntries(crontab, install.paths.dir).removed.length > 0) return false;
    return !(await hasLegacyMailboxes(await legacyDirOf(install)));
  },

  async run(install, step) {
    const kept = await removeUpstreamEntries(install.paths, step.signal);
    if (kept) step.log(`upstream's entries taken out of root's crontab; the crontab as it was is kept in ${kept}`);
    const legacyDir = await legacyDirOf(install);
    if (!(await hasLegacyMailboxes(legacyDir))) return;
    await removePartials(install.paths.sqliteData);
    const room = await requireRoomForMerge(
      legacyDir,
      install.paths.sqliteData,
      await planMailboxMerge(legacyDir, install.paths.sqliteData),
    );
    step.log(`the merge needs about ${room.neededMb} MB; ${room.freeMb} MB are free`);
    await stopWriters(step.signal, (line) => step.log(line));
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const replacedDir = `${install.paths.sqliteData}.replaced-${stamp}`;
    const result = await mergeMailboxes(legacyDir, install.paths.sqliteData, replacedDir);
    const count = (name: MergeAction['action']) => result.actions.filter((entry) => entry.action === name).length;
    step.log(
      `mailboxes from ${legacyDir}: ${count('copy')} copied, ${count('replace')} newer ones copied over older ones (kept in ${replacedDir}), ${count('same')} the same, ${count('keepCurrent')} older ones left; the old folder is kept as ${result.keptAt}`,
    );
  },
};
