import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../stack/steps/stack-files.js';
import { exec } from './exec.js';

/**
 * Work the server runs by itself at set times (the nightly backup, the nightly update): systemd
 * timers where systemd runs, else one cron file per feature (the test world's servers have no
 * systemd). Each entry starts the agent (`agent.cjs scheduled <kind>`), so what runs is the same job
 * as the app's button, with its journal, lock and outcome. Written whole each time, so every entry
 * exists exactly once however often it is set up; off removes them.
 */

export interface ScheduleRoots {
  /** '/', or a test's root. */
  root: string;
}

export interface AgentCommand {
  node: string;
  agent: string;
}

export interface TimedEntry {
  /** The agent's `scheduled` argument. */
  kind: string;
  /** The systemd unit's name (without .timer/.service). */
  unit: string;
  minute: number;
  hour: number;
  /** Only on this day of the week (0 = Sunday) / of the month. */
  dow?: number;
  dom?: number;
}

export interface TimedSet {
  /** /etc/cron.d/<cronName> */
  cronName: string;
  /** The cron file's opening comment. */
  description: string;
  entries: readonly TimedEntry[];
}

export function cronFileOf(roots: ScheduleRoots, cronName: string): string {
  return path.join(roots.root, 'etc', 'cron.d', cronName);
}

export function hasSystemd(roots: ScheduleRoots): boolean {
  return existsSync(path.join(roots.root, 'run', 'systemd', 'system'));
}

function unitDir(roots: ScheduleRoots): string {
  return path.join(roots.root, 'etc', 'systemd', 'system');
}

/** Paths travel into a cron line and a unit file: only plain absolute paths. */
function assertPlainPath(value: string): void {
  if (!/^\/[A-Za-z0-9._/+-]+$/.test(value)) throw new Error(`unexpected characters in ${value}`);
}

export function cronTextOf(set: TimedSet, command: AgentCommand): string {
  assertPlainPath(command.node);
  assertPlainPath(command.agent);
  const lines = [`# Written by Mailharbor: ${set.description}. Changes here are replaced.`, 'SHELL=/bin/sh', ''];
  for (const at of set.entries) {
    lines.push(
      `${at.minute} ${at.hour} ${at.dom ?? '*'} * ${at.dow ?? '*'} root ${command.node} ${command.agent} scheduled ${at.kind} >/dev/null 2>&1`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function calendar(at: TimedEntry): string {
  const day = at.dow !== undefined ? `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][at.dow]} ` : '';
  const date = at.dom !== undefined ? `*-*-${String(at.dom).padStart(2, '0')}` : '*-*-*';
  return `${day}${date} ${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}:00`;
}

/** Puts the entries in place, or removes them when `enabled` is false. Returns how they run. */
export async function installTimedSet(
  roots: ScheduleRoots,
  set: TimedSet,
  enabled: boolean,
  command: AgentCommand,
  signal?: AbortSignal,
): Promise<'systemd' | 'cron' | 'none'> {
  if (hasSystemd(roots)) {
    const dir = unitDir(roots);
    for (const at of set.entries) {
      if (!enabled) {
        await exec('systemctl', ['disable', '--now', `${at.unit}.timer`], { timeoutMs: 30_000, signal });
        await rm(path.join(dir, `${at.unit}.timer`), { force: true });
        await rm(path.join(dir, `${at.unit}.service`), { force: true });
        continue;
      }
      assertPlainPath(command.node);
      assertPlainPath(command.agent);
      await writeFileAtomic(
        path.join(dir, `${at.unit}.service`),
        `[Unit]\nDescription=Mailharbor ${at.kind}\n\n[Service]\nType=oneshot\nExecStart=${command.node} ${command.agent} scheduled ${at.kind}\n`,
        0o644,
      );
      await writeFileAtomic(
        path.join(dir, `${at.unit}.timer`),
        `[Unit]\nDescription=Mailharbor ${at.kind}\n\n[Timer]\nOnCalendar=${calendar(at)}\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n`,
        0o644,
      );
    }
    await exec('systemctl', ['daemon-reload'], { timeoutMs: 30_000, signal });
    if (enabled) {
      for (const at of set.entries)
        await exec('systemctl', ['enable', '--now', `${at.unit}.timer`], { timeoutMs: 30_000, signal });
    }
    await rm(cronFileOf(roots, set.cronName), { force: true });
    return enabled ? 'systemd' : 'none';
  }
  if (!enabled) {
    await rm(cronFileOf(roots, set.cronName), { force: true });
    return 'none';
  }
  await writeFileAtomic(cronFileOf(roots, set.cronName), cronTextOf(set, command), 0o644);
  return 'cron';
}

/** How a set runs now, read from the server (by its first entry's timer, else its cron file). */
export function timedSetScheduler(roots: ScheduleRoots, set: TimedSet): 'systemd' | 'cron' | 'none' {
  const first = set.entries[0];
  if (first && existsSync(path.join(unitDir(roots), `${first.unit}.timer`))) return 'systemd';
  if (existsSync(cronFileOf(roots, set.cronName))) return 'cron';
  return 'none';
}

/** Whether the installed set starts this agent (a newer one took over: the paths changed). */
export function timedSetStarts(roots: ScheduleRoots, set: TimedSet, command: AgentCommand): boolean {
  const first = set.entries[0];
  const files = [
    cronFileOf(roots, set.cronName),
    ...(first ? [path.join(unitDir(roots), `${first.unit}.service`)] : []),
  ];
  for (const file of files) {
    try {
      return readFileSync(file, 'utf8').includes(`${command.node} ${command.agent} scheduled`);
    } catch {
      // Not this kind of scheduler.
    }
  }
  return true;
}
