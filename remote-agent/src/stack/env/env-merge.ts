import { AppError } from '../../../../common/errors/app-error.js';
import { compareReleaseTags } from '../../../../common/updates/release-feed.js';
import { COMPOSE_PROFILES_VALUE } from '../../../../common/stack/services.js';
import type { StackProfile } from '../../../../common/stack/stack-contract.js';
import { stackSources } from '../stack-sources.js';
import { parseEnvDefaults, shippedEnvDefaults, type EnvDefaultEntry } from './env-defaults.js';
import { EnvFile } from './env-file.js';
import { checkEnvValues } from './env-value-checks.js';
import { generateSecret } from './secret-generator.js';

/**
 * The .env an install leaves: the existing file with what is missing added, and nothing that is
 * there changed, except what the user chose (domain on a fresh file, profile). Secrets are made
 * once and never rotated. Pure apart from the randomness of new secrets, which callers may pass.
 */

export type EnvChangeAction = 'added' | 'kept' | 'generated' | 'set';

export interface EnvChange {
  key: string;
  action: EnvChangeAction;
}

export interface EnvMergeInput {
  /** The current .env text; undefined (or blank) when there is none: the result starts from env.defaults. */
  existing: string | undefined;
  /** ASCII domain, as StackOptionsSchema leaves it. */
  domain: string;
  profile: StackProfile;
  /** The resolved latest release; only read when IMAGE_TAG must be written (see needsReleaseTag). */
  imageTag?: string;
  /**
   * Keys the install's outside addresses decide (MAILHARBOR_REGISTRY, MAILHARBOR_DOCKERHUB_MIRROR):
   * written whenever they differ, since they say where images come from, not what the user chose.
   */
  settings?: Readonly<Record<string, string>>;
  /** Defaults to the env.defaults bundled into the agent (tests pass their own). */
  defaultsText?: string;
  /** Makes a value for a @generated key (tests pass a predictable one). */
  generate?: (entry: EnvDefaultEntry) => string;
  /**
   * Versions a key may not be pinned below (the mongo and redis that run now, whose data an older
   * release cannot read): a missing, lower or unversioned value ("latest") is raised to it.
   */
  floors?: readonly { key: string; version: string }[];
}

/** A value an older install wrote that the current layout cannot run with, and what it means now. */
export interface CarriedOverValue {
  key: string;
  from: string;
  to: string;
  why: string;
}

/**
 * Older setup.sh versions had web listen on 443 itself. Now the SNI router (nginx) holds 443 and
 * hands web's connections to 127.0.0.1:3000 (mail-stack/nginx.conf): left at 443, web and the
 * router would fight over the port and the web UI would be down.
 */
export const CARRIED_OVER_VALUES: readonly CarriedOverValue[] = [
  {
    key: 'WEB_PORT',
    from: '443',
    to: '3000',
    why: 'web no longer listens on 443 itself: the SNI router takes 443 and hands the web UI to port 3000',
  },
];

export interface EnvMergeResult {
  text: string;
  changes: EnvChange[];
  /** False when `text` equals the existing file byte for byte. */
  changed: boolean;
  /** The floors that raised a value, and the older values carried over: what the plan explains. */
  raised: { key: string; from: string | undefined; to: string }[];
  carriedOver: CarriedOverValue[];
}

const IMAGE_TAG = 'IMAGE_TAG';

function isFresh(existing: string | undefined): existing is undefined {
  return existing === undefined || existing.trim() === '';
}

/** Whether a merge of this file would write IMAGE_TAG, so the release feed must be asked first. */
export function needsReleaseTag(existing: string | undefined): boolean {
  return isFresh(existing) || !EnvFile.parse(existing).get(IMAGE_TAG);
}

/** COMPOSE_PROFILES as a profile: the storage profile active means the full stack. */
export function profileOfComposeProfiles(value: string): StackProfile {
  return value
    .split(',')
    .map((name) => name.trim())
    .includes(COMPOSE_PROFILES_VALUE.full)
    ? 'full'
    : 'forwarding';
}

function sameDomain(a: string, b: string): boolean {
  const normal = (name: string) => name.trim().replace(/\.$/, '').toLowerCase();
  return normal(a) === normal(b);
}

export function mergeEnv(input: EnvMergeInput): EnvMergeResult {
  const defaultsText = input.defaultsText ?? stackSources.envDefaults;
  const entries = input.defaultsText === undefined ? shippedEnvDefaults() : parseEnvDefaults(defaultsText);
  const fresh = isFresh(input.existing);
  // A fresh .env is env.defaults itself, comments and all, with its values filled in place.
  const file = EnvFile.parse(fresh ? defaultsText : input.existing!);

  const changes: EnvChange[] = [];
  for (const entry of entries) {
    // On a fresh file the shipped values are only a starting point: every key is decided as if missing.
    const current = fresh ? undefined : file.get(entry.key);
    const decision = decide(entry, current, input);
    if (decision.action !== 'kept') file.set(entry.key, decision.value);
    const action = fresh && decision.action !== 'generated' ? 'added' : decision.action;
    changes.push({ key: entry.key, action });
  }
  const original = fresh ? undefined : EnvFile.parse(input.existing!);
  const raised = applyFloors(file, changes, input.floors ?? [], (key) => original?.get(key) || undefined);
  const carriedOver = CARRIED_OVER_VALUES.filter((value) => file.get(value.key) === value.from);
  for (const value of carriedOver) {
    file.set(value.key, value.to);
    changes.push({ key: value.key, action: 'set' });
  }
  // Kept values are the user's: a wrong one is refused by name here rather than by the engine later.
  checkEnvValues((key) => file.get(key));
  const text = file.toString();
  return { text, changes, changed: fresh || text !== input.existing, raised, carriedOver };
}

function applyFloors(
  file: EnvFile,
  changes: EnvChange[],
  floors: NonNullable<EnvMergeInput['floors']>,
  originalOf: (key: string) => string | undefined,
) {
  const raised: EnvMergeResult['raised'] = [];
  for (const floor of floors) {
    const value = file.get(floor.key) || undefined;
    // compareReleaseTags reads anything but a version ("latest", "7.0") as 0.0.0: raised too.
    if (value !== undefined && compareReleaseTags(value, floor.version) >= 0) continue;
    file.set(floor.key, floor.version);
    raised.push({ key: floor.key, from: originalOf(floor.key), to: floor.version });
    const change = changes.find((entry) => entry.key === floor.key);
    if (!change) changes.push({ key: floor.key, action: 'added' });
    else if (change.action === 'kept') change.action = 'set';
  }
  return raised;
}

type Decision = { action: 'kept' } | { action: 'added' | 'set' | 'generated'; value: string };

/** What to do with one key, given its current value (undefined: not in the file). */
function decide(entry: EnvDefaultEntry, current: string | undefined, input: EnvMergeInput): Decision {
  const missingOrEmpty = (value: string): Decision =>
    current === undefined ? { action: 'added', value } : current === '' ? { action: 'set', value } : { action: 'kept' };

  const setting = input.settings?.[entry.key];
  if (setting !== undefined) {
    if (current === setting) return { action: 'kept' };
    return { action: current === undefined ? 'added' : 'set', value: setting };
  }
  if (entry.source === 'generated') {
    const spec = entry.generated!;
    const notYet = current === undefined || current === '' || spec.legacy.includes(current);
    return notYet
      ? { action: 'generated', value: input.generate?.(entry) ?? generateSecret(spec) }
      : { action: 'kept' };
  }
  if (entry.source === 'release') {
    if (current) return { action: 'kept' };
    if (!input.imageTag) throw new Error(`mergeEnv: ${entry.key} must be written but no release tag was resolved`);
    return missingOrEmpty(input.imageTag);
  }
  if (entry.source === 'input' && entry.inputKind === 'domain') {
    if (current && !sameDomain(current, input.domain)) {
      // An install never moves an existing one to another domain: certificates, DKIM and accounts hang on it.
      throw new AppError('stack.domainMismatch', {
        params: { field: 'domain', existing: current, requested: input.domain },
        detail: `${entry.key} in .env is ${current}; this install was asked for ${input.domain}`,
      });
    }
    return missingOrEmpty(input.domain);
  }
  if (entry.source === 'input' && entry.inputKind === 'profile') {
    const wanted = COMPOSE_PROFILES_VALUE[input.profile];
    if (current === undefined) return { action: 'added', value: wanted };
    // The file keeps its own spelling (e.g. "storage,extra") as long as it means the chosen profile.
    return profileOfComposeProfiles(current) === input.profile ? { action: 'kept' } : { action: 'set', value: wanted };
  }
  // @default, @derived and other @input keys (AWS_* stay empty until the user sets backups up): added
  // with the shipped value when missing, never changed once present.
  return current === undefined ? { action: 'added', value: entry.value } : { action: 'kept' };
}
