import { readFileSync } from 'node:fs';
import { StackEnvironmentSchema, type StackEnvironment } from '../../remote-agent/src/stack/stack-contract.js';

/**
 * Every outside address the product contacts can be replaced from the environment, so a test
 * world (or a company proxy) stands in for the internet. Unset means the product's defaults.
 */
export function smtpProbeTargetsFromEnvironment(environment: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const raw = environment.MAILHARBOR_SMTP_PROBE_TARGETS?.trim();
  if (!raw) return undefined;
  const targets = raw.split(',').map((target) => target.trim());
  for (const target of targets) {
    if (!/^(\[[0-9a-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/i.test(target)) {
      throw new Error(`MAILHARBOR_SMTP_PROBE_TARGETS: "${target}" is not host:port (for example mx.example.com:25)`);
    }
  }
  return targets;
}

/** The real services an install uses when nothing replaces them. */
export const DEFAULT_STACK_ENVIRONMENT: StackEnvironment = {
  acme: { directoryUrl: 'https://acme-v02.api.letsencrypt.org/directory' },
  releaseFeedUrl: 'https://api.github.com/repos/forwardemail/forwardemail.net/releases/latest',
  imageRegistry: 'ghcr.io',
  dockerHubMirror: 'docker.io/library',
  dockerAptRepository: 'https://download.docker.com/linux',
};

/**
 * The outside addresses of an install, each replaceable from the environment:
 * MAILHARBOR_ACME_DIRECTORY (+ MAILHARBOR_ACME_CA_FILE, a PEM the ACME server's TLS certificate
 * chains to), MAILHARBOR_RELEASE_FEED, MAILHARBOR_IMAGE_REGISTRY, MAILHARBOR_DOCKERHUB_MIRROR,
 * MAILHARBOR_DOCKER_APT_REPOSITORY. Checked here, so a typo fails at start, not mid-install.
 */
export function stackEnvironmentFromEnvironment(environment: NodeJS.ProcessEnv = process.env): StackEnvironment {
  const pick = (name: string) => environment[name]?.trim() || undefined;
  const caFile = pick('MAILHARBOR_ACME_CA_FILE');
  const candidate = {
    acme: {
      directoryUrl: pick('MAILHARBOR_ACME_DIRECTORY') ?? DEFAULT_STACK_ENVIRONMENT.acme.directoryUrl,
      ...(caFile ? { caBundlePem: readFileSync(caFile, 'utf8') } : {}),
    },
    releaseFeedUrl: pick('MAILHARBOR_RELEASE_FEED') ?? DEFAULT_STACK_ENVIRONMENT.releaseFeedUrl,
    imageRegistry: pick('MAILHARBOR_IMAGE_REGISTRY') ?? DEFAULT_STACK_ENVIRONMENT.imageRegistry,
    dockerHubMirror: pick('MAILHARBOR_DOCKERHUB_MIRROR') ?? DEFAULT_STACK_ENVIRONMENT.dockerHubMirror,
    dockerAptRepository: pick('MAILHARBOR_DOCKER_APT_REPOSITORY') ?? DEFAULT_STACK_ENVIRONMENT.dockerAptRepository,
  };
  const parsed = StackEnvironmentSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`outside addresses: ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
