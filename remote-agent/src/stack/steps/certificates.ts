import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../../common/errors/app-error.js';
import { statePaths } from '../../jobs/state-dir.js';
import type { StepContext } from '../../jobs/steps.js';
import { acmeCaBundlePath, installAcmeCaBundle } from '../certificates/acme-ca-bundle.js';
import {
  certbotArgs,
  certbotDirs,
  httpChallengeArgs,
  manualChallengeArgs,
  RENEWAL_AUTHENTICATOR,
  type HttpChallenge,
} from '../certificates/certbot-args.js';
import { certificateNames, sameNames } from '../../../../common/stack/certificate-names.js';
import { certificateProblems, readCertificateState, type CertificateState } from '../certificates/certificate-state.js';
import {
  credentialsFileChange,
  dnsPluginCredentials,
  writeCredentialsFile,
} from '../certificates/credentials-files.js';
import { deployHookChange, installDeployHook, restartCertificateUsers } from '../certificates/deploy-hook.js';
import {
  DNS_CHALLENGE_DIR_ENV,
  installManualHooks,
  manualHookPaths,
  manualHooksChange,
  prepareChallengeDir,
  withChallengesShown,
} from '../certificates/manual-dns.js';
import { fileChange } from '../certificates/owned-files.js';
import { port80Listener } from '../certificates/port-80.js';
import { sameDirectoryUrl, switchRenewalToWebroot } from '../certificates/renewal-config.js';
import { runCertbot } from '../certificates/run-certbot.js';
import { CERTIFICATE_FILES, copyIntoSsl, staleSslCopies } from '../certificates/ssl-copies.js';
import type { InstallContext, InstallStep } from '../install-step.js';
import type { CertificateMethod, PlannedChange } from '../../../../common/stack/stack-contract.js';

/** certbot's time limit: DNS plugins wait for propagation; manual waits up to 30 minutes for the user. */
const CERTBOT_TIMEOUT_MS: Record<CertificateMethod, number> = {
  http: 10 * 60_000,
  cloudflare: 15 * 60_000,
  digitalocean: 15 * 60_000,
  route53: 15 * 60_000,
  manual: 40 * 60_000,
};

const METHOD_NOTE: Record<CertificateMethod, string> = {
  http: "HTTP-01 (Let's Encrypt connects to port 80): each name needs an A record pointing at this server",
  cloudflare: 'DNS-01 through the Cloudflare API (certbot-dns-cloudflare); renews by itself',
  digitalocean: 'DNS-01 through the DigitalOcean API (certbot-dns-digitalocean); renews by itself',
  route53: "DNS-01 through AWS Route 53 (certbot-dns-route53); the keys are given to certbot's process only",
  manual: 'DNS-01 with TXT records you publish by hand when the install asks; it does not renew by itself',
};

/** Where the install stands: the certificate and everything the step puts around it. */
async function inspect(install: InstallContext) {
  const { options, environment, paths } = install;
  const method = options.certificates.method;
  const names = certificateNames(method, options.domain);
  const state = await readCertificateState(paths, options.domain);
  const certificate = certificateProblems(state, {
    names,
    directoryUrl: environment.acme.directoryUrl,
    authenticator: RENEWAL_AUTHENTICATOR[method],
  });
  const staleCopies = await staleSslCopies(paths, options.domain);
  const hook = await deployHookChange(paths);
  const credentials = await credentialsFileChange(dnsPluginCredentials(options.certificates, paths));
  const problems = [
    ...certificate,
    ...(staleCopies.length
      ? [`${path.basename(paths.sslDir)}/ does not hold the current ${staleCopies.join(', ')}`]
      : []),
    ...(hook !== 'keep' ? ['the deploy hook is missing or changed'] : []),
    ...(credentials !== 'keep' ? ["the DNS plugin's credentials file is missing or holds another token"] : []),
  ];
  return { method, names, state, certificate, staleCopies, hook, credentials, problems };
}

/**
 * Issue now although the certificate is valid? Only when it names exactly these domains (otherwise
 * certbot re-issues by itself, --expand) but came from another ACME server or renews another way:
 * --keep-until-expiring would keep it, and renewals would keep going there or that way.
 */
function mustForceRenewal(
  state: CertificateState,
  names: string[],
  directoryUrl: string,
  method: CertificateMethod,
): boolean {
  if (!state.live || !state.renewal || !sameNames(names, state.names)) return false;
  const otherServer = !state.renewal.server || !sameDirectoryUrl(state.renewal.server, directoryUrl);
  const authenticator = state.renewal.authenticator;
  // standalone -> webroot is rewritten in the renewal config after the run, no new certificate needed
  const otherMethod =
    authenticator !== RENEWAL_AUTHENTICATOR[method] && !(method === 'http' && authenticator === 'standalone');
  return otherServer || otherMethod;
}

async function httpChallenge(install: InstallContext, step: StepContext): Promise<HttpChallenge> {
  const listener = await port80Listener();
  if (!listener) {
    step.log('port 80 is free: certbot answers the HTTP-01 challenges itself (--standalone)');
    return { kind: 'standalone' };
  }
  step.log(`port 80 is held by ${listener}: certbot writes the challenges into ${install.paths.acmeWebroot}`);
  await mkdir(install.paths.acmeWebroot, { recursive: true, mode: 0o755 });
  return { kind: 'webroot', webroot: install.paths.acmeWebroot };
}

/** Runs certbot; for the manual method, shows the TXT records once certbot has asked for all of them. */
async function issue(install: InstallContext, step: StepContext, state: CertificateState): Promise<void> {
  const { options, environment, paths } = install;
  const method = options.certificates.method;
  const names = certificateNames(method, options.domain);
  const env: Record<string, string> = { ...(await installAcmeCaBundle(environment, paths)) };
  const credentials = dnsPluginCredentials(options.certificates, paths);
  Object.assign(env, credentials?.env);

  let challengeArgs: string[];
  let challengeDir: string | undefined;
  if (method === 'http') challengeArgs = httpChallengeArgs(await httpChallenge(install, step));
  else if (method === 'manual') {
    challengeArgs = manualChallengeArgs(await installManualHooks(paths));
    challengeDir = await prepareChallengeDir(statePaths().root, step.jobId);
    env[DNS_CHALLENGE_DIR_ENV] = challengeDir;
  } else challengeArgs = credentials?.args ?? [];

  const forceRenewal = mustForceRenewal(state, names, environment.acme.directoryUrl, method);
  const args = certbotArgs({ options, environment, paths, names, challengeArgs, forceRenewal });
  // No secret in the arguments: tokens are in the credentials file, keys in certbot's environment.
  step.log(`certbot ${args.join(' ')}`);
  step.progress(20, forceRenewal ? 'replacing the certificate' : 'asking for the certificate');

  await withChallengesShown(challengeDir, step, () =>
    runCertbot({
      args,
      env,
      method,
      logsDir: certbotDirs(paths).logsDir,
      timeoutMs: CERTBOT_TIMEOUT_MS[method],
      signal: step.signal,
      log: (line, stream) => step.log(line, stream),
    }),
  );
}

/**
 * The TLS certificate of the domain and its service names, from the configured ACME server with
 * certbot, copied into ssl/ where the containers read it, and renewed by certbot's own timer with the
 * deploy hook. Runs before the containers start on a fresh install (port 80 free: --standalone) and
 * through nginx's webroot once the stack holds port 80.
 */
export const certificatesStep: InstallStep = {
  id: 'certificates',
  title: 'Get the TLS certificate',

  async plan(install) {
    const { paths } = install;
    const now = await inspect(install);
    const changes: PlannedChange[] = [
      {
        kind: 'certificate',
        target: now.names.join(', '),
        action: !now.state.live ? 'create' : now.certificate.length ? 'change' : 'keep',
        note: [METHOD_NOTE[now.method], ...now.certificate].join('; '),
      },
      ...CERTIFICATE_FILES.map((file): PlannedChange => ({
        kind: 'file',
        target: path.join(paths.sslDir, file),
        action: !now.staleCopies.includes(file)
          ? 'keep'
          : existsSync(path.join(paths.sslDir, file))
            ? 'change'
            : 'create',
        ...(file === 'privkey.pem' ? { note: 'private key, mode 0600' } : {}),
      })),
      {
        kind: 'file',
        target: paths.deployHook,
        action: now.hook,
        note: 'certbot deploy hook: copies each renewed certificate into ssl/ and restarts the services that read it',
      },
    ];
    const credentials = dnsPluginCredentials(install.options.certificates, paths);
    if (credentials?.file) {
      changes.push({
        kind: 'secret',
        target: credentials.file.path,
        action: now.credentials,
        note: "API token for certbot's DNS plugin, mode 0600",
      });
    }
    if (install.environment.acme.caBundlePem) {
      const file = acmeCaBundlePath(paths);
      changes.push({
        kind: 'file',
        target: file,
        action: await fileChange(file, install.environment.acme.caBundlePem, 0o644),
        note: "CA of the ACME server's own TLS certificate",
      });
    }
    if (now.method === 'manual') {
      changes.push({
        kind: 'file',
        target: manualHookPaths(paths).auth,
        action: await manualHooksChange(paths),
        note: 'certbot hook that waits until you confirm the TXT records',
      });
    }
    return changes;
  },

  async check(install) {
    return (await inspect(install)).problems.length === 0;
  },

  async run(install, step) {
    const { options, paths } = install;
    const domain = options.domain;
    const before = await inspect(install);
    for (const problem of before.problems) step.log(`to do: ${problem}`);
    step.progress(5, 'preparing certbot');
    await installDeployHook(paths);
    // Renewals read the token from this file: a new token is written even when the certificate stays.
    await writeCredentialsFile(dnsPluginCredentials(options.certificates, paths));
    if (before.certificate.length) await issue(install, step, before.state);

    if (options.certificates.method === 'http' && (await switchRenewalToWebroot(paths, domain))) {
      step.log(`renewals now answer HTTP-01 through nginx's webroot ${paths.acmeWebroot} (was --standalone)`);
    }
    const after = await readCertificateState(paths, domain);
    if (!after.live) {
      throw new AppError('stack.certificateFailed', {
        params: { method: options.certificates.method },
        detail: `certbot succeeded but ${path.join(paths.letsencryptDir, 'live', domain, 'fullchain.pem')} is missing or unreadable`,
        retryable: true,
      });
    }
    step.progress(85, 'copying the certificate into ssl/');
    const changed = await copyIntoSsl(paths, domain);
    if (changed.length) step.log(`copied ${changed.join(', ')} into ${paths.sslDir}`);
    // A new certificate ran the deploy hook, which restarted its users already; fresh copies of an
    // unchanged certificate did not.
    const replaced = !before.state.fullchain || !after.fullchain?.equals(before.state.fullchain);
    if (changed.length && !replaced) {
      const restarted = await restartCertificateUsers(step.signal);
      if (restarted.length) step.log(`restarted ${restarted.join(', ')} to load the certificate`);
    }

    const left = (await inspect(install)).problems;
    if (left.length) {
      throw new AppError('stack.certificateFailed', {
        params: { method: options.certificates.method },
        detail: `after certbot: ${left.join('; ')}`,
        retryable: true,
      });
    }
    step.progress(100, `certificate for ${before.names.join(', ')} in place`);
  },
};
