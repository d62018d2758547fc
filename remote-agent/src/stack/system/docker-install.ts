import { AppError } from '../../../../common/errors/app-error.js';
import type { StepContext } from '../../jobs/steps.js';
import type { StackEnvironment } from '../../../../common/stack/stack-contract.js';
import { aptCandidate, aptInstall, aptUpdate, installedPackages } from './apt.js';
import {
  DOCKER_CE_PACKAGES,
  DOCKER_KEYRING,
  DOCKER_SOURCE_LIST,
  dockerRepositoryUrl,
  dockerSourceFile,
  fetchDockerKey,
  snapshot,
  undoDockerSource,
  writeDockerSource,
} from './docker-repo.js';
import { dockerRepoTarget, dpkgArchitecture, type OsInfo } from './os-info.js';

/** The distribution's engine: Debian's and Ubuntu's name for it. */
export const DISTRIBUTION_ENGINE = 'docker.io';

/**
 * The distribution's compose: Ubuntu (and newer Debian) ship Compose v2 as `docker-compose-v2`;
 * where apt has no candidate for it (Debian 12), `docker-compose` (1.29 there, v2 on Debian 13).
 */
export function distributionComposePackage(v2Candidate: string | undefined): string {
  return v2Candidate ? 'docker-compose-v2' : 'docker-compose';
}

/**
 * Installs Docker engine and compose: Docker's official repository first; when any part of that
 * fails (repository unreachable, distribution not covered, apt refusing), the added source is
 * removed again and the distribution's packages are installed instead.
 */
export async function installDocker(environment: StackEnvironment, os: OsInfo, step: StepContext): Promise<void> {
  try {
    await installFromDockerRepository(environment, os, step);
    return;
  } catch (error) {
    step.signal.throwIfAborted();
    step.log(`Docker's repository could not be used: ${describe(error)}`, 'stderr');
    step.log(`falling back to ${os.id || 'the distribution'}'s own packages`);
  }
  await installFromDistribution(step);
}

async function installFromDockerRepository(environment: StackEnvironment, os: OsInfo, step: StepContext) {
  const target = dockerRepoTarget(os);
  if (!target) throw new Error(`Docker's repository has no packages for "${os.id} ${os.versionId}"`);
  const repositoryUrl = dockerRepositoryUrl(environment.dockerAptRepository, target.os);
  step.progress(2, `fetching Docker's signing key from ${repositoryUrl}/gpg`);
  const key = await fetchDockerKey(`${repositoryUrl}/gpg`, step.signal);
  const arch = await dpkgArchitecture(step.signal);
  const [listBefore, keyBefore] = await Promise.all([snapshot(DOCKER_SOURCE_LIST), snapshot(DOCKER_KEYRING)]);
  try {
    // apt verifies an https repository against the system's CA store, which a minimal image may lack.
    if (repositoryUrl.startsWith('https:')) {
      const has = await installedPackages(['ca-certificates'], step.signal);
      if (!has.has('ca-certificates')) {
        await aptUpdate(step, { from: 4, to: 8 });
        await aptInstall(['ca-certificates'], step, { from: 8, to: 10 });
      }
    }
    await writeDockerSource(key, dockerSourceFile(repositoryUrl, arch, target.codename));
    step.log(`wrote ${DOCKER_SOURCE_LIST} and ${DOCKER_KEYRING}`);
    await aptUpdate(step, { from: 10, to: 20 });
    await aptInstall(DOCKER_CE_PACKAGES, step, { from: 20, to: 85 });
  } catch (error) {
    await undoDockerSource(listBefore, keyBefore);
    step.log(`removed ${DOCKER_SOURCE_LIST} and ${DOCKER_KEYRING} again`);
    throw error;
  }
}

async function installFromDistribution(step: StepContext): Promise<void> {
  try {
    await aptUpdate(step, { from: 10, to: 20 });
    const compose = distributionComposePackage(await aptCandidate('docker-compose-v2', step.signal));
    await aptInstall([DISTRIBUTION_ENGINE, compose], step, { from: 20, to: 85 });
  } catch (error) {
    throw asDockerInstallFailed(error, step.signal);
  }
}

/**
 * The engine is there but no compose answers: the plugin when the engine came from Docker's
 * repository (its source is configured), the distribution's compose otherwise.
 */
export async function installComposeOnly(step: StepContext): Promise<void> {
  try {
    await aptUpdate(step, { from: 10, to: 20 });
    const fromDocker = (await installedPackages(['docker-ce'], step.signal)).has('docker-ce');
    const compose = fromDocker
      ? 'docker-compose-plugin'
      : distributionComposePackage(await aptCandidate('docker-compose-v2', step.signal));
    await aptInstall([compose], step, { from: 20, to: 85 });
  } catch (error) {
    throw asDockerInstallFailed(error, step.signal);
  }
}

/** A cancel stays a cancel; anything else names Docker's install as what failed, with apt's words. */
function asDockerInstallFailed(error: unknown, signal: AbortSignal): unknown {
  if (signal.aborted) return error;
  return new AppError('stack.dockerInstallFailed', { detail: describe(error), retryable: true });
}

function describe(error: unknown): string {
  if (error instanceof AppError) return error.detail ?? error.code;
  if (error instanceof Error)
    return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
  return String(error);
}
