import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { HttpUrlSchema } from '../../../common/stack/stack-contract.js';
import {
  DEFAULT_UPDATE_SCHEDULE,
  UpdateScheduleSchema,
  type UpdateSchedule,
} from '../../../common/updates/updates-contract.js';
import { writeJsonAtomic } from '../jobs/job-files.js';
import type { StatePaths } from '../jobs/state-dir.js';
import {
  installTimedSet,
  timedSetScheduler,
  timedSetStarts,
  type AgentCommand,
  type ScheduleRoots,
  type TimedSet,
} from '../system/timed-entries.js';
import { updatesPaths, type UpdatesPaths } from './updates-paths.js';

/**
 * The nightly update: one timed entry (systemd timer mailharbor-update, else
 * /etc/cron.d/mailharbor-updates) that runs `agent.cjs scheduled updates.apply`, and the settings it
 * reads (the schedule and the release feed), kept in the agent's state directory.
 */

export const UpdateSettingsSchema = z.object({ feedUrl: HttpUrlSchema, schedule: UpdateScheduleSchema });
export type UpdateSettings = z.infer<typeof UpdateSettingsSchema>;

export const roots = (): ScheduleRoots => ({ root: process.env.MAILHARBOR_SYSTEM_ROOT || '/' });

export function updateSet(schedule: UpdateSchedule): TimedSet {
  const [hour, minute] = schedule.time.split(':').map(Number) as [number, number];
  return {
    cronName: 'mailharbor-updates',
    description: 'the nightly update of the mail server',
    entries: [{ kind: 'updates.apply', unit: 'mailharbor-update', minute, hour }],
  };
}

export function readUpdateSettings(files: UpdatesPaths): UpdateSettings | undefined {
  if (!existsSync(files.settings)) return undefined;
  try {
    const parsed = UpdateSettingsSchema.safeParse(JSON.parse(readFileSync(files.settings, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function configureUpdates(
  paths: StatePaths,
  settings: UpdateSettings,
  command: AgentCommand,
): Promise<'systemd' | 'cron' | 'none'> {
  const files = updatesPaths(paths);
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  writeJsonAtomic(files.settings, settings);
  return installTimedSet(roots(), updateSet(settings.schedule), settings.schedule.enabled, command);
}

export function updateScheduler(): 'systemd' | 'cron' | 'none' {
  return timedSetScheduler(roots(), updateSet(DEFAULT_UPDATE_SCHEDULE));
}

/** Rewrites the entry when it starts another agent than this one (an older, replaced version). */
export async function syncUpdateSchedule(paths: StatePaths, command: AgentCommand): Promise<void> {
  const settings = readUpdateSettings(updatesPaths(paths));
  if (!settings?.schedule.enabled || timedSetStarts(roots(), updateSet(settings.schedule), command)) return;
  await installTimedSet(roots(), updateSet(settings.schedule), true, command);
}
