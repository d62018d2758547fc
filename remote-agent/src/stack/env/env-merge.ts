import { AppError } from '../../../../common/errors/app-error.js';
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
}

export interface EnvMergeResult {
  text: string;
  changes: EnvChange[];
  /** False when `text` equals the existing file byte for byte. */
  changed: boolean;
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
  // Kept values are the user's: a wrong one is refused by name here rather than by the engine later.
  checkEnvValues((key) => file.get(key));
  const text = file.toString();
  return { text, changes, changed: fresh || text !== input.existing };
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
