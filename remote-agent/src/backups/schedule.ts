import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Schedule } from '../../../common/backups/backups-contract.js';
import { writeFileAtomic } from '../stack/steps/stack-files.js';
import { exec } from '../system/exec.js';

/**
 * The nightly backup, the weekly check and the monthly drill, run by the server itself: systemd
 * timers where systemd runs, else a cron file (the test world's servers have no systemd). Each
 * starts the same job as "Back up now" through the agent (`agent.cjs scheduled <kind>`), so its
 * journal, lock and outcome are the app's. Written whole each time, so each entry exists exactly
 * once however often the setup runs; the agent rewrites it when a newer agent takes over.
 */

export const SCHEDULED_KINDS = ['backups.run', 'backups.check', 'backups.drill'] as const;
export type ScheduledKind = (typeof SCHEDULED_KINDS)[number];

export interface ScheduleRoots {
  /** '/', or a test's root. */
  root: string;
}

export interface AgentCommand {
  node: string;
  agent: string;
}

const UNITS = {
  'backups.run': 'mailharbor-backup',
  'backups.check': 'mailharbor-backup-check',
  'backups.drill': 'mailharbor-backup-drill',
} as const;

export function cronFile(roots: ScheduleRoots): string {
  return path.join(roots.root, 'etc', 'cron.d', 'mailharbor-backups');
}

export function hasSystemd(roots: ScheduleRoots): boolean {
  return existsSync(path.join(roots.root, 'run', 'systemd', 'system'));
}

/** When each kind runs: the backup at the chosen time, the check on Sundays, the drill on the 1st. */
function times(
  schedule: Schedule,
): Record<ScheduledKind, { minute: number; hour: number; dow?: number; dom?: number }> {
  const [hour, minute] = schedule.time.split(':').map(Number) as [number, number];
  const later = (by: number) => ({ minute: (minute + by) % 60, hour: (hour + Math.floor((minute + by) / 60)) % 24 });
  return {
    'backups.run': { minute, hour },
    'backups.check': { ...later(45), dow: 0 },
    'backups.drill': { ...later(50), dom: 1 },
  };
}

/** Paths travel into a cron line and a unit file: only plain absolute paths. */
function assertPlainPath(value: string): void {
  if (!/^\/[A-Za-z0-9._/+-]+$/.test(value)) throw new Error(`unexpected characters in ${value}`);
}

export function cronText(schedule: Schedule, command: AgentCommand): string {
  assertPlainPath(command.node);
  assertPlainPath(command.agent);
  const lines = [
    '# Written by Mailharbor: backups, their weekly check and monthly drill. Changes here are replaced.',
    'SHELL=/bin/sh',
    '',
  ];
  for (const [kind, at] of Object.entries(times(schedule)) as [
    ScheduledKind,
    ReturnType<typeof times>[ScheduledKind],
  ][]) {
    lines.push(
      `${at.minute} ${at.hour} ${at.dom ?? '*'} * ${at.dow ?? '*'} root ${command.node} ${command.agent} scheduled ${kind} >/dev/null 2>&1`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function calendar(at: ReturnType<typeof times>[ScheduledKind]): string {
  const day = at.dow !== undefined ? 'Sun ' : '';
  const date = at.dom !== undefined ? `*-*-${String(at.dom).padStart(2, '0')}` : '*-*-*';
  return `${day}${date} ${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}:00`;
}

/** Puts the schedule in place (or removes it when it is off). Returns how it runs. */
export async function installSchedule(
  roots: ScheduleRoots,
  schedule: Schedule,
  command: AgentCommand,
  signal?: AbortSignal,
): Promise<'systemd' | 'cron' | 'none'> {
  if (hasSystemd(roots)) {
    const dir = path.join(roots.root, 'etc', 'systemd', 'system');
    for (const [kind, at] of Object.entries(times(schedule)) as [
      ScheduledKind,
      ReturnType<typeof times>[ScheduledKind],
    ][]) {
      const unit = UNITS[kind];
      if (!schedule.enabled) {
        await exec('systemctl', ['disable', '--now', `${unit}.timer`], { timeoutMs: 30_000, signal });
        await rm(path.join(dir, `${unit}.timer`), { force: true });
        await rm(path.join(dir, `${unit}.service`), { force: true });
        continue;
      }
      await writeFileAtomic(
        path.join(dir, `${unit}.service`),
        `[Unit]\nDescription=Mailharbor ${kind}\n\n[Service]\nType=oneshot\nExecStart=${command.node} ${command.agent} scheduled ${kind}\n`,
        0o644,
      );
      await writeFileAtomic(
        path.join(dir, `${unit}.timer`),
        `[Unit]\nDescription=Mailharbor ${kind}\n\n[Timer]\nOnCalendar=${calendar(at)}\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n`,
        0o644,
      );
    }
    await exec('systemctl', ['daemon-reload'], { timeoutMs: 30_000, signal });
    if (schedule.enabled) {
      for (const unit of Object.values(UNITS))
        await exec('systemctl', ['enable', '--now', `${unit}.timer`], { timeoutMs: 30_000, signal });
    }
    await rm(cronFile(roots), { force: true });
    return schedule.enabled ? 'systemd' : 'none';
  }
  if (!schedule.enabled) {
    await rm(cronFile(roots), { force: true });
    return 'none';
  }
  await writeFileAtomic(cronFile(roots), cronText(schedule, command), 0o644);
  return 'cron';
}

/** How the schedule runs now, read from the server. */
export function scheduler(roots: ScheduleRoots): 'systemd' | 'cron' | 'none' {
  if (existsSync(path.join(roots.root, 'etc', 'systemd', 'system', `${UNITS['backups.run']}.timer`))) return 'systemd';
  if (existsSync(cronFile(roots))) return 'cron';
  return 'none';
}

/** Whether the installed schedule starts this agent (a newer one took over: the paths changed). */
export function scheduleStarts(roots: ScheduleRoots, command: AgentCommand): boolean {
  for (const file of [
    cronFile(roots),
    path.join(roots.root, 'etc', 'systemd', 'system', `${UNITS['backups.run']}.service`),
  ]) {
    try {
      const text = readFileSync(file, 'utf8');
      return text.includes(`${command.node} ${command.agent} scheduled`);
    } catch {
      // Not this kind of scheduler.
    }
  }
  return true;
}

/** The next time the nightly backup runs, as the server's clock and time zone see it. */
export function nextRunAt(schedule: Schedule, now = new Date()): Date {
  const [hour, minute] = schedule.time.split(':').map(Number) as [number, number];
  const next = new Date(now);
  next.setHours(hour, minute, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next;
}
