import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { X509Certificate } from 'node:crypto';
import type { CertificateMethod } from '../../../common/stack/stack-contract.js';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CertificatesRenewParams, ServedCheck } from '../../../common/certificates/certificates-contract.js';
import { AppError } from '../../../common/errors/app-error.js';
import type { JobKindModule, JobOutcome, StepContext } from '../jobs/steps.js';
import { statePaths } from '../jobs/state-dir.js';
import { readInstall } from '../stack/detect.js';
import { acmeCaBundlePath } from '../stack/certificates/acme-ca-bundle.js';
import {
  certbotDirs,
  hookAndDirArgs,
  manualChallengeArgs,
  RENEWAL_AUTHENTICATOR,
} from '../stack/certificates/certbot-args.js';
import {
  DNS_CHALLENGE_DIR_ENV,
  installManualHooks,
  prepareChallengeDir,
  withChallengesShown,
} from '../stack/certificates/manual-dns.js';
import { readCertificateState } from '../stack/certificates/certificate-state.js';
import { runCertbot } from '../stack/certificates/run-certbot.js';
import { stackPaths, type StackPaths } from '../stack/stack-paths.js';
import { recordRenewalAttempt } from './renewal-attempts.js';
import { checkServed, tlsPortsOf } from './served-certificates.js';

/**
 * certbot's HTTP-01 and DNS-plugin renewals (a DNS plugin waits for propagation, up to minutes); a
 * manual-DNS one waits for the user to publish the TXT records, up to the auth hook's 30 minutes.
 */
const CERTBOT_TIMEOUT_MS = 15 * 60_000;
const MANUAL_TIMEOUT_MS = 40 * 60_000;
/** The deploy hook restarts the services that read the certificate; they take a while to listen again. */
const SERVED_DEADLINE_MS = 3 * 60_000;
const SERVED_POLL_MS = 2_000;

interface Before {
  serial: string;
  fingerprint: string;
}

/** Kept in the job's work directory, shared by its retries: what the certificate was before the first attempt. */
function beforeFile(context: Pick<StepContext, 'workDir'>): string {
  return path.join(context.workDir, 'certificate-before.json');
}

function servedFile(workDir: string): string {
  return path.join(workDir, 'certificate-served.json');
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

async function liveLeaf(paths: StackPaths, certName: string): Promise<X509Certificate> {
  const state = await readCertificateState(paths, certName);
  if (!state.leaf) {
    throw new AppError('certificates.notFound', {
      params: { certName },
      detail: `no readable certificate in ${path.join(paths.letsencryptDir, 'live', certName)}`,
    });
  }
  return state.leaf;
}

/**
 * certificates.renew ("Renew now"): certbot renews the one certificate the way its renewal config
 * says (HTTP-01 through nginx's webroot, or the DNS plugin with the credentials the install left),
 * its deploy hook copies the new files into ssl/ and restarts the services that read them, and then
 * a TLS client on the server asks every TLS port which certificate it serves: done only when each
 * serves the new one. A manual-DNS certificate renews the guided way the install issued it: the job
 * waits with the new TXT records, the app checks them at the domain's nameservers, and only the
 * user's confirmation lets certbot go on.
 */
export const certificatesRenew: JobKindModule<'certificates.renew'> = {
  kind: 'certificates.renew',
  steps(params) {
    const paths = stackPaths();
    return [
      {
        id: 'inspect',
        title: `Read the certificate ${params.certName}`,
        // Always read again: a retry must see what is on disk now.
        check: async () => false,
        run: (context) => inspect(paths, params, context),
      },
      {
        id: 'renew',
        title: 'Renew it with certbot',
        check: async (context) => {
          const before = readJson<Before>(beforeFile(context));
          if (!before) return false;
          return (await liveLeaf(paths, params.certName)).fingerprint256 !== before.fingerprint;
        },
        run: (context) => renew(paths, params, context),
      },
      {
        id: 'verify',
        title: 'Check that every mail port serves the new certificate',
        check: async () => false,
        run: (context) => verifyServed(paths, params, context),
      },
    ];
  },
  finish: (params, outcome) => recordOutcome(stackPaths(), params, outcome),
};

async function inspect(paths: StackPaths, params: CertificatesRenewParams, context: StepContext): Promise<void> {
  const state = await readCertificateState(paths, params.certName);
  const leaf = state.leaf ?? (await liveLeaf(paths, params.certName));
  if (!state.renewal) {
    throw new AppError('certificates.notFound', {
      params: { certName: params.certName },
      detail: `certbot has no renewal configuration for ${params.certName}`,
    });
  }
  context.log(`${params.certName}: ${state.names.join(', ')}; serial ${leaf.serialNumber}; expires ${leaf.validTo}`);
  // The first attempt's view stays: a retry after certbot renewed must not take the new one for the old.
  if (!existsSync(beforeFile(context))) {
    const before: Before = { serial: leaf.serialNumber, fingerprint: leaf.fingerprint256 };
    writeFileSync(beforeFile(context), JSON.stringify(before), { mode: 0o600 });
  }
}

/** The install's method behind a renewal config's authenticator, so that a failure is explained for it. */
async function methodOf(paths: StackPaths, certName: string): Promise<CertificateMethod> {
  const authenticator = (await readCertificateState(paths, certName)).renewal?.authenticator;
  const methods = Object.keys(RENEWAL_AUTHENTICATOR) as CertificateMethod[];
  return methods.find((method) => RENEWAL_AUTHENTICATOR[method] === authenticator) ?? 'http';
}

async function renew(paths: StackPaths, params: CertificatesRenewParams, context: StepContext): Promise<void> {
  const dirs = certbotDirs(paths);
  const method = await methodOf(paths, params.certName);
  const caBundle = acmeCaBundlePath(paths);
  // The install wrote the ACME server's CA here when it is a private one (the test world's pebble).
  const env: Record<string, string> = existsSync(caBundle) ? { REQUESTS_CA_BUNDLE: caBundle } : {};
  const manual = method === 'manual';
  const challengeDir = manual ? await prepareChallengeDir(statePaths().root, context.jobId) : undefined;
  if (challengeDir) env[DNS_CHALLENGE_DIR_ENV] = challengeDir;
  const challengeArgs = manual ? manualChallengeArgs(await installManualHooks(paths)) : [];
  context.progress(10, 'certbot is renewing the certificate');
  await withChallengesShown(challengeDir, context, () =>
    runCertbot({
      args: [
        'renew',
        '--non-interactive',
        '--cert-name',
        params.certName,
        // "Renew now" means now: certbot would otherwise wait until 30 days before expiry.
        '--force-renewal',
        // Run without a terminal, certbot renew first sleeps a random while (up to 8 minutes) so that
        // cron-started renewals do not all reach the CA at once; a button press is not one of those.
        '--no-random-sleep-on-renew',
        ...challengeArgs,
        ...hookAndDirArgs(paths),
      ],
      env,
      method,
      logsDir: dirs.logsDir,
      timeoutMs: manual ? MANUAL_TIMEOUT_MS : CERTBOT_TIMEOUT_MS,
      signal: context.signal,
      log: (line, stream) => context.log(line, stream),
    }),
  );
  const before = readJson<Before>(beforeFile(context));
  const after = await liveLeaf(paths, params.certName);
  if (before && after.fingerprint256 === before.fingerprint) {
    throw new AppError('stack.certificateFailed', {
      params: { method },
      detail: `certbot finished, but ${params.certName} is the same certificate as before (serial ${after.serialNumber})`,
      retryable: true,
    });
  }
  context.log(`renewed: serial ${after.serialNumber}, expires ${after.validTo}`);
}

async function verifyServed(paths: StackPaths, params: CertificatesRenewParams, context: StepContext): Promise<void> {
  const install = await readInstall(paths);
  const leaf = await liveLeaf(paths, params.certName);
  // Only the stack's own certificate is served by its ports; another one has nothing to check here.
  if (!install || install.domain !== params.certName) {
    context.log(`${params.certName} is not the mail domain's certificate: no mail port serves it`);
    return;
  }
  const ports = tlsPortsOf((key) => install.file.get(key), install.profile);
  const deadline = Date.now() + SERVED_DEADLINE_MS;
  let checks: ServedCheck[] = [];
  for (;;) {
    checks = await checkServed(ports, install.domain, leaf);
    writeFileSync(servedFile(context.workDir), JSON.stringify(checks), { mode: 0o600 });
    const same = checks.filter((check) => check.serves === 'this').length;
    context.progress(
      Math.round((same / checks.length) * 100),
      `${same} of ${checks.length} ports serve the new certificate`,
    );
    if (same === checks.length || Date.now() > deadline) break;
    await sleep(SERVED_POLL_MS, undefined, { signal: context.signal });
  }
  for (const check of checks)
    context.log(`${check.name} on ${check.port}: ${check.serves === 'this' ? 'new certificate' : check.detail}`);
  const stale = checks.filter((check) => check.serves !== 'this');
  if (stale.length) {
    throw new AppError('certificates.notServed', {
      params: { ports: stale.map((check) => `${check.name} (${check.port})`).join(', ') },
      detail: stale.map((check) => `${check.name} on ${check.port}: ${check.detail}`).join('\n'),
      retryable: true,
    });
  }
}

/** The attempt as the panel shows it: renewed or failed, the serials, what each port served, why it failed. */
async function recordOutcome(paths: StackPaths, params: CertificatesRenewParams, outcome: JobOutcome): Promise<void> {
  const before = readJson<Before>(beforeFile(outcome));
  const served = readJson<ServedCheck[]>(servedFile(outcome.workDir)) ?? [];
  const after = await readCertificateState(paths, params.certName);
  // A name with no certificate behind it has no card to show the attempt on: nothing to keep.
  if (!before && !after.leaf) return;
  const renewed = outcome.status === 'succeeded';
  recordRenewalAttempt(statePaths(), params.certName, {
    at: new Date().toISOString(),
    jobId: outcome.jobId,
    outcome: renewed ? 'renewed' : 'failed',
    ...(before ? { serialBefore: before.serial } : {}),
    ...(after.leaf && after.leaf.serialNumber !== before?.serial ? { serialAfter: after.leaf.serialNumber } : {}),
    served,
    ...(outcome.error ? { error: outcome.error } : {}),
  });
}
