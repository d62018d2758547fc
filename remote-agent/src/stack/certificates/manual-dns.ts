import { existsSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { JobIdSchema } from '../../../../common/agent-contract.js';
import { AppError } from '../../../../common/errors/app-error.js';
import type { StatePaths } from '../../jobs/state-dir.js';
import type { StepContext } from '../../jobs/steps.js';
import type { StackPaths } from '../stack-paths.js';
import { fileChange, writeOwnedFile, type FileChange } from './owned-files.js';

/**
 * Manual DNS-01: certbot's hooks and the agent meet in one directory per job,
 * <agent state>/dns-challenge/<jobId>/, which the step creates with its own job id and the RPC handler
 * finds from the job id alone:
 *   challenges  one "_acme-challenge.<domain> <value>" line per challenge (written by the auth hook)
 *   ready       the last challenge was written: the step shows every record to the user
 *   confirmed   the user published them (stack.confirmDnsChallenge): the hook lets certbot go on
 *   timed-out   nobody confirmed in time (written by the hook before it fails)
 */
export const DNS_CHALLENGE_DIR_ENV = 'MAILHARBOR_DNS_CHALLENGE_DIR';
/** Only tests shorten it; the hook falls back to 30 minutes. */
export const DNS_CONFIRM_TIMEOUT_ENV = 'MAILHARBOR_DNS_CONFIRM_TIMEOUT_SECONDS';
export const DNS_CONFIRM_TIMEOUT_SECONDS = 30 * 60;

const FILES = { challenges: 'challenges', ready: 'ready', confirmed: 'confirmed', timedOut: 'timed-out' } as const;

export function dnsChallengeRoot(stateRoot: string): string {
  return path.join(stateRoot, 'dns-challenge');
}

/** The job id becomes a directory name: held to JobIdSchema (no slash, no dot-dot). */
export function dnsChallengeDir(stateRoot: string, jobId: string): string {
  return path.join(dnsChallengeRoot(stateRoot), JobIdSchema.parse(jobId));
}

export const MANUAL_AUTH_HOOK_SCRIPT = `#!/bin/sh
# Mailharbor: certbot --manual-auth-hook for DNS-01 records that the user publishes by hand.
# Written by the Mailharbor agent. certbot calls it once per challenge with CERTBOT_DOMAIN,
# CERTBOT_VALIDATION and CERTBOT_REMAINING_CHALLENGES, and passes on ${DNS_CHALLENGE_DIR_ENV}, which
# the install step gives certbot. Each call appends "_acme-challenge.<domain> <value>" to
# $dir/${FILES.challenges}; the last one creates $dir/${FILES.ready} (the app then shows every record) and waits,
# at most ${DNS_CONFIRM_TIMEOUT_SECONDS / 60} minutes, for $dir/${FILES.confirmed} (the user published them).
set -eu
dir="\${${DNS_CHALLENGE_DIR_ENV}:-}"
if [ -z "$dir" ] || [ ! -d "$dir" ]; then
  # A renewal by certbot's timer: nobody is there to publish records. Renew from the Mailharbor app.
  echo "mailharbor: manual DNS challenges are answered in the Mailharbor app; no challenge directory" >&2
  exit 1
fi
domain="\${CERTBOT_DOMAIN#\\*.}"
printf '_acme-challenge.%s %s\\n' "$domain" "$CERTBOT_VALIDATION" >>"$dir/${FILES.challenges}"
if [ "\${CERTBOT_REMAINING_CHALLENGES:-0}" != 0 ]; then exit 0; fi
: >"$dir/${FILES.ready}"
limit="\${${DNS_CONFIRM_TIMEOUT_ENV}:-${DNS_CONFIRM_TIMEOUT_SECONDS}}"
case "$limit" in '' | *[!0-9]*) limit=${DNS_CONFIRM_TIMEOUT_SECONDS} ;; esac
waited=0
while [ ! -e "$dir/${FILES.confirmed}" ]; do
  if [ "$waited" -ge "$limit" ]; then
    : >"$dir/${FILES.timedOut}"
    echo "mailharbor: the DNS records were not confirmed within $limit seconds" >&2
    exit 1
  fi
  sleep 2
  waited=$((waited + 2))
done
`;

export const MANUAL_CLEANUP_HOOK_SCRIPT = `#!/bin/sh
# Mailharbor: certbot --manual-cleanup-hook for DNS-01 records published by hand. Nothing to undo here:
# the TXT records are the user's to remove, and the agent removes the challenge directory itself.
exit 0
`;

export function manualHookPaths(paths: StackPaths): { auth: string; cleanup: string } {
  return {
    auth: path.join(paths.agentEtcDir, 'dns-manual-auth-hook.sh'),
    cleanup: path.join(paths.agentEtcDir, 'dns-manual-cleanup-hook.sh'),
  };
}

export const HOOK_MODE = 0o700;

export async function manualHooksChange(paths: StackPaths): Promise<FileChange> {
  const hooks = manualHookPaths(paths);
  const changes = [
    await fileChange(hooks.auth, MANUAL_AUTH_HOOK_SCRIPT, HOOK_MODE),
    await fileChange(hooks.cleanup, MANUAL_CLEANUP_HOOK_SCRIPT, HOOK_MODE),
  ];
  return changes.includes('create') ? 'create' : changes.includes('change') ? 'change' : 'keep';
}

export async function installManualHooks(paths: StackPaths): Promise<{ auth: string; cleanup: string }> {
  const hooks = manualHookPaths(paths);
  await writeOwnedFile(hooks.auth, MANUAL_AUTH_HOOK_SCRIPT, HOOK_MODE);
  await writeOwnedFile(hooks.cleanup, MANUAL_CLEANUP_HOOK_SCRIPT, HOOK_MODE);
  return hooks;
}

/**
 * An empty challenge directory for this job. Other jobs' directories are left-overs (one install runs
 * at a time, under the mutating-job lock) and go, so an old "confirmed" can never answer a new challenge.
 */
export async function prepareChallengeDir(stateRoot: string, jobId: string): Promise<string> {
  const root = dnsChallengeRoot(stateRoot);
  const dir = dnsChallengeDir(stateRoot, jobId);
  await mkdir(root, { recursive: true, mode: 0o700 });
  for (const entry of (await readdir(root)).slice(0, 1000)) {
    await rm(path.join(root, entry), { recursive: true, force: true });
  }
  await mkdir(dir, { mode: 0o700 });
  return dir;
}

export function removeChallengeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

export interface DnsRecord {
  name: string;
  value: string;
}

const RECORD_NAME = /^_acme-challenge\.[a-z0-9*.-]{1,253}$/i;
const RECORD_VALUE = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * The records of a challenges file, in order, each once. A domain and its wildcard give two values under
 * the same name, and both must be published side by side.
 */
export function parseChallengeRecords(text: string): DnsRecord[] {
  const records: DnsRecord[] = [];
  for (const line of text.split('\n').slice(0, 100)) {
    const [name, value, extra] = line.trim().split(/\s+/);
    if (!name || !value || extra !== undefined || !RECORD_NAME.test(name) || !RECORD_VALUE.test(value)) continue;
    if (!records.some((record) => record.name === name && record.value === value)) records.push({ name, value });
  }
  return records;
}

/**
 * Waits until the auth hook marks the last challenge written, then hands over every record, once.
 * Ends when `signal` aborts (certbot finished, or the job is cancelled) and after `maxMs` in any case.
 */
export async function watchChallenges(
  dir: string,
  signal: AbortSignal,
  onReady: (records: DnsRecord[]) => void,
  options: { pollMs?: number; maxMs?: number } = {},
): Promise<void> {
  const pollMs = options.pollMs ?? 1000;
  const deadline = Date.now() + (options.maxMs ?? 2 * DNS_CONFIRM_TIMEOUT_SECONDS * 1000);
  while (!signal.aborted && Date.now() < deadline) {
    if (existsSync(path.join(dir, FILES.ready))) {
      const text = await readFile(path.join(dir, FILES.challenges), 'utf8').catch(() => '');
      onReady(parseChallengeRecords(text));
      return;
    }
    await sleep(pollMs, undefined, { signal }).catch(() => undefined);
  }
}

export function challengeTimedOut(dir: string): boolean {
  return existsSync(path.join(dir, FILES.timedOut));
}

export function dnsChallengeTimeout(records: DnsRecord[]): AppError {
  return new AppError('stack.dnsChallengeTimeout', {
    params: { minutes: DNS_CONFIRM_TIMEOUT_SECONDS / 60 },
    detail: `the DNS records were not confirmed within ${DNS_CONFIRM_TIMEOUT_SECONDS / 60} minutes: ${records
      .map((record) => `${record.name} TXT ${record.value}`)
      .join('; ')}`,
    retryable: true,
  });
}

/**
 * Body of the agent's 'stack.confirmDnsChallenge' handler: the user published the records a waiting
 * install job showed, so this creates the "confirmed" file the auth hook waits for. False when that job
 * waits for no confirmation (not at that point yet, or already past it).
 */
export function confirmDnsChallenge(paths: Pick<StatePaths, 'root'>, jobId: string): boolean {
  const dir = dnsChallengeDir(paths.root, jobId);
  if (!existsSync(path.join(dir, FILES.ready))) return false;
  writeFileSync(path.join(dir, FILES.confirmed), `${new Date().toISOString()}\n`, { mode: 0o600 });
  return true;
}

/**
 * Runs certbot (`certbot`) while the challenges of `dir` are watched: once the auth hook has them all,
 * each record is logged and the step waits with them (the app shows them and confirms). A
 * confirmation that never came becomes stack.dnsChallengeTimeout; the directory goes in any case.
 * Without a directory (not the manual method) it only runs certbot.
 */
export async function withChallengesShown(
  dir: string | undefined,
  step: Pick<StepContext, 'signal' | 'log' | 'progress' | 'waiting'>,
  certbot: () => Promise<void>,
): Promise<void> {
  const certbotDone = new AbortController();
  let records: DnsRecord[] = [];
  const watcher = dir
    ? watchChallenges(dir, AbortSignal.any([certbotDone.signal, step.signal]), (found) => {
        records = found;
        for (const record of found) step.log(`publish TXT ${record.name} "${record.value}"`);
        step.progress(40, `waiting until ${found.length} TXT record(s) are published`);
        step.waiting(found);
      })
    : Promise.resolve();
  try {
    await certbot();
  } catch (error) {
    if (dir && challengeTimedOut(dir)) throw dnsChallengeTimeout(records);
    throw error;
  } finally {
    certbotDone.abort();
    await watcher;
    if (dir) await removeChallengeDir(dir);
  }
}
