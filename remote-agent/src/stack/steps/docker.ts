import { access } from 'node:fs/promises';
import { AppError } from '../../../../common/errors/app-error.js';
import { findCompose } from '../compose.js';
import type { InstallStep } from '../install-step.js';
import type { PlannedChange } from '../../../../common/stack/stack-contract.js';
import { dockerAnswers, dockerEngineInstalled, startDockerDaemon } from '../system/docker-daemon.js';
import { installComposeOnly, installDocker } from '../system/docker-install.js';
import { DOCKER_CE_PACKAGES, DOCKER_KEYRING, DOCKER_SOURCE_LIST, dockerRepositoryUrl } from '../system/docker-repo.js';
import { dockerRepoTarget, readOsInfo, systemdRunning } from '../system/os-info.js';

/** The plan's word for writing `file`: a source the user already has is changed, not created. */
async function createOrChange(file: string): Promise<'create' | 'change'> {
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  return exists ? 'change' : 'create';
}

/**
 * Docker engine and compose, running. Installed from Docker's official repository, or from the
 * distribution when that repository cannot be used; an engine already there is kept (only a
 * missing compose is added, and a stopped daemon started).
 */
export const dockerStep: InstallStep = {
  id: 'docker',
  title: 'Docker',

  async plan(install) {
    const signal = AbortSignal.timeout(60_000);
    const [answers, compose, engine] = await Promise.all([
      dockerAnswers(signal),
      findCompose(signal),
      dockerEngineInstalled(signal),
    ]);
    const start: PlannedChange = {
      kind: 'service',
      target: 'docker',
      action: 'start',
      note: systemdRunning() ? 'systemctl enable --now docker' : 'no systemd: dockerd is started in the background',
    };
    if (answers && compose) {
      return [{ kind: 'service', target: 'docker', action: 'keep', note: `compose v${compose.version}` }];
    }
    if (engine && compose) return [start];
    if (engine) return [{ kind: 'package', target: 'compose', action: 'install' }, ...(answers ? [] : [start])];
    const os = await readOsInfo();
    const target = dockerRepoTarget(os);
    const source = target
      ? `if Docker's repository cannot be used: docker.io and compose from ${os.id} instead`
      : `Docker's repository has no ${os.id || 'packages for this system'}: from the distribution`;
    const changes: PlannedChange[] = [];
    if (target) {
      const repository = dockerRepositoryUrl(install.environment.dockerAptRepository, target.os);
      changes.push(
        {
          kind: 'file',
          target: DOCKER_SOURCE_LIST,
          action: await createOrChange(DOCKER_SOURCE_LIST),
          note: `${repository} ${target.codename} stable`,
        },
        {
          kind: 'file',
          target: DOCKER_KEYRING,
          action: await createOrChange(DOCKER_KEYRING),
          note: `${repository}/gpg`,
        },
      );
    }
    const packages = target ? DOCKER_CE_PACKAGES : ['docker.io', 'docker-compose'];
    changes.push(
      ...packages.map((name): PlannedChange => ({ kind: 'package', target: name, action: 'install', note: source })),
    );
    return [...changes, start];
  },

  async check(_install, step) {
    return (await dockerAnswers(step.signal)) && (await findCompose(step.signal)) !== undefined;
  },

  async run(install, step) {
    const engine = await dockerEngineInstalled(step.signal);
    const compose = await findCompose(step.signal);
    if (!engine) await installDocker(install.environment, await readOsInfo(), step);
    else if (!compose) await installComposeOnly(step);
    else step.log('Docker engine and compose are installed; starting the daemon');
    step.progress(88, 'starting Docker');
    await startDockerDaemon(step);
    const found = await findCompose(step.signal);
    if (!found) {
      throw new AppError('stack.dockerInstallFailed', {
        detail: 'Docker answers, but neither `docker compose` nor `docker-compose` does after the install',
        retryable: true,
      });
    }
    step.progress(100, `Docker runs (compose v${found.version})`);
  },
};
