import { readFile } from 'node:fs/promises';
import { EnvFile, readEnvFile } from './env/env-file.js';
import { profileOfComposeProfiles } from './env/env-merge.js';
import type { StackDetection, StackProfile } from '../../../common/stack/stack-contract.js';
import type { StackPaths } from './stack-paths.js';

/**
 * What is installed in the stack directory: nothing (no .env), an install by upstream's
 * setup.sh (its docker-compose-self-hosted.yml, and no compose file of ours), or ours. Read
 * only, so the app can show it before anything is changed.
 */

/** Our compose file says so in its opening comment (mail-stack/docker-compose.yml). */
const OUR_MARK = 'Mailharbor';
/** The opening comment is a dozen lines; a bound keeps a huge file from being scanned. */
const HEADER_LINES = 40;

async function readTextOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function hasOurHeader(composeText: string): boolean {
  const header: string[] = [];
  for (const line of composeText.split('\n', HEADER_LINES)) {
    if (!line.startsWith('#')) break;
    header.push(line);
  }
  return header.some((line) => line.includes(OUR_MARK));
}

type Installer = StackDetection['installedBy'];

async function installerOf(paths: StackPaths): Promise<Exclude<Installer, 'none'>> {
  const ours = await readTextOrUndefined(paths.composeFile);
  if (ours !== undefined && hasOurHeader(ours)) return 'mailharbor';
  return (await readTextOrUndefined(paths.upstreamComposeFile)) !== undefined ? 'upstream' : 'mailharbor';
}

/**
 * The profile that runs. Without COMPOSE_PROFILES compose activates no profile: only services
 * without `profiles:` start, which with upstream's older compose file (no profiles) is all of them.
 */
export async function runningProfile(
  paths: StackPaths,
  installedBy: Exclude<Installer, 'none'>,
  composeProfiles: string | undefined,
): Promise<StackProfile> {
  if (composeProfiles !== undefined) return profileOfComposeProfiles(composeProfiles);
  const composeFile = installedBy === 'upstream' ? paths.upstreamComposeFile : paths.composeFile;
  const text = (await readTextOrUndefined(composeFile)) ?? '';
  return /^\s+profiles:/m.test(text) ? 'forwarding' : 'full';
}

/** Also what access.ts reads: the .env keys that describe an install, plus who made it. */
export async function readInstall(paths: StackPaths) {
  const env = await readEnvFile(paths.envFile);
  if (!env) return undefined;
  const file = EnvFile.parse(env.text);
  const installedBy = await installerOf(paths);
  const nonEmpty = (key: string) => file.get(key) || undefined;
  return {
    file,
    installedBy,
    domain: nonEmpty('DOMAIN'),
    imageTag: nonEmpty('IMAGE_TAG'),
    profile: await runningProfile(paths, installedBy, file.get('COMPOSE_PROFILES')),
  };
}

export async function detectStack(paths: StackPaths): Promise<StackDetection> {
  const install = await readInstall(paths);
  if (!install) return { installedBy: 'none', directory: paths.dir };
  const detection: StackDetection = {
    installedBy: install.installedBy,
    directory: paths.dir,
    profile: install.profile,
  };
  if (install.domain) detection.domain = install.domain;
  if (install.imageTag) detection.imageTag = install.imageTag;
  return detection;
}
