import type { Schedule } from '../../../common/backups/backups-contract.js';
import {
  cronFileOf,
  cronTextOf,
  installTimedSet,
  timedSetScheduler,
  timedSetStarts,
  type AgentCommand,
  type ScheduleRoots,
  type TimedSet,
} from '../system/timed-entries.js';

/**
 * The nightly backup, the weekly check and the monthly drill, run by the server itself through
 * system/timed-entries.ts (systemd timers, else /etc/cron.d/mailharbor-backups); the agent rewrites
 * them when a newer agent takes over.
 */

export type { AgentCommand, ScheduleRoots } from '../system/timed-entries.js';

export const SCHEDULED_KINDS = ['backups.run', 'backups.check', 'backups.drill'] as const;
export type ScheduledKind = (typeof SCHEDULED_KINDS)[number];

const CRON_NAME = 'mailharbor-backups';

export function cronFile(roots: ScheduleRoots): string {
  return cronFileOf(roots, CRON_NAME);
}

/** When each kind runs: the backup at the chosen time, the check on Sundays, the drill on the 1st. */
function backupSet(schedule: Schedule): TimedSet {
  const [hour, minute] = schedule.time.split(':').map(Number) as [number, number];
  const later = (by: number) => ({ minute: (minute + by) % 60, hour: (hour + Math.floor((minute + by) / 60)) % 24 });
  return {
    cronName: CRON_NAME,
    description: 'backups, their weekly check and monthly drill',
    entries: [
      { kind: 'backups.run', unit: 'mailharbor-backup', minute, hour },
      { kind: 'backups.check', unit: 'mailharbor-backup-check', ...later(45), dow: 0 },
      { kind: 'backups.drill', unit: 'mailharbor-backup-drill', ...later(50), dom: 1 },
    ],
  };
}

export function cronText(schedule: Schedule, command: AgentCommand): string {
  return cronTextOf(backupSet(schedule), command);
}

/** Puts the schedule in place (or removes it when it is off). Returns how it runs. */
export function installSchedule(
  roots: ScheduleRoots,
  schedule: Schedule,
  command: AgentCommand,
  signal?: AbortSignal,
): Promise<'systemd' | 'cron' | 'none'> {
  return installTimedSet(roots, backupSet(schedule), schedule.enabled, command, signal);
}

/** How the schedule runs now, read from the server. */
export function scheduler(roots: ScheduleRoots): 'systemd' | 'cron' | 'none' {
  return timedSetScheduler(roots, backupSet({ enabled: true, time: '03:30' }));
}

/** Whether the installed schedule starts this agent (a newer one took over: the paths changed). */
export function scheduleStarts(roots: ScheduleRoots, command: AgentCommand): boolean {
  return timedSetStarts(roots, backupSet({ enabled: true, time: '03:30' }), command);
}

/** The next time the nightly backup runs, as the server's clock and time zone see it. */
export function nextRunAt(schedule: Schedule, now = new Date()): Date {
  const [hour, minute] = schedule.time.split(':').map(Number) as [number, number];
  const next = new Date(now);
  next.setHours(hour, minute, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next;
}
