import path from 'node:path';
import { AppError } from '../../../../common/errors/app-error.js';
import type { StackPaths } from '../stack-paths.js';
import type { CertificateMethod, StackEnvironment, StackOptions } from '../../../../common/stack/stack-contract.js';

/**
 * What certbot records as `authenticator` in /etc/letsencrypt/renewal/<name>.conf for each method:
 * renewals run the same way. HTTP-01 renews through nginx's webroot (a certificate first issued with
 * --standalone is switched over, see renewal-config.ts).
 */
export const RENEWAL_AUTHENTICATOR: Record<CertificateMethod, string> = {
  http: 'webroot',
  cloudflare: 'dns-cloudflare',
  digitalocean: 'dns-digitalocean',
  route53: 'dns-route53',
  manual: 'manual',
};

/** How certbot answers HTTP-01: by itself on port 80 (nothing listens there yet) or through nginx. */
export type HttpChallenge = { kind: 'standalone' } | { kind: 'webroot'; webroot: string };

/** certbot's directories. Their defaults on a server; under MAILHARBOR_SYSTEM_ROOT in tests. */
export function certbotDirs(paths: StackPaths) {
  // letsencryptDir is <system root>/etc/letsencrypt (stack-paths.ts).
  const systemRoot = path.dirname(path.dirname(paths.letsencryptDir));
  return {
    configDir: paths.letsencryptDir,
    workDir: path.join(systemRoot, 'var', 'lib', 'letsencrypt'),
    logsDir: path.join(systemRoot, 'var', 'log', 'letsencrypt'),
  };
}

/**
 * certbot runs hooks through a shell (and keeps them in the renewal config), so a hook path must be a
 * plain absolute path: no spaces, quotes or shell characters. Ours are fixed paths; this guards the
 * test overrides (MAILHARBOR_STACK_DIR, MAILHARBOR_SYSTEM_ROOT).
 */
export function requirePlainPath(file: string, field: string): string {
  if (/^\/[A-Za-z0-9._/-]+$/.test(file) && !file.split('/').includes('..')) return file;
  throw new AppError('stack.invalidOptions', {
    params: { field },
    detail: `${field} must be an absolute path of letters, digits, . _ - and /: ${JSON.stringify(file)}`,
  });
}

export function httpChallengeArgs(challenge: HttpChallenge): string[] {
  const how =
    challenge.kind === 'standalone'
      ? ['--standalone']
      : ['--webroot', '-w', requirePlainPath(challenge.webroot, 'paths.acmeWebroot')];
  return [...how, '--preferred-challenges', 'http'];
}

export function manualChallengeArgs(hooks: { auth: string; cleanup: string }): string[] {
  return [
    '--manual',
    '--preferred-challenges',
    'dns',
    '--manual-auth-hook',
    requirePlainPath(hooks.auth, 'manual auth hook'),
    '--manual-cleanup-hook',
    requirePlainPath(hooks.cleanup, 'manual cleanup hook'),
  ];
}

export interface CertbotRequest {
  options: StackOptions;
  environment: StackEnvironment;
  paths: StackPaths;
  names: readonly string[];
  /** How the challenges are answered: httpChallengeArgs, dnsPluginArgs or manualChallengeArgs. */
  challengeArgs: readonly string[];
  /**
   * Issue now although the certificate is valid: it names the same domains but came from another ACME
   * server or another method, and renewals would otherwise keep using those.
   */
  forceRenewal: boolean;
}

/** `certbot certonly ...` as an argument array; no value in it is a secret. */
export function certbotArgs(request: CertbotRequest): string[] {
  const { options, environment, paths } = request;
  return [
    'certonly',
    '--non-interactive',
    '--agree-tos',
    '-m',
    options.email,
    '--server',
    environment.acme.directoryUrl,
    '--cert-name',
    options.domain,
    // --force-renewal and --keep-until-expiring answer the same question; only one is given.
    request.forceRenewal ? '--force-renewal' : '--keep-until-expiring',
    '--expand',
    ...request.names.flatMap((name) => ['-d', name]),
    ...hookAndDirArgs(paths),
    ...request.challengeArgs,
  ];
}

/** Our deploy hook and certbot's directories, the same for an issuance and a renewal. */
export function hookAndDirArgs(paths: StackPaths): string[] {
  const dirs = certbotDirs(paths);
  return [
    '--deploy-hook',
    requirePlainPath(paths.deployHook, 'paths.deployHook'),
    '--config-dir',
    dirs.configDir,
    '--work-dir',
    dirs.workDir,
    '--logs-dir',
    dirs.logsDir,
  ];
}
