import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type {
  AutoRenew,
  CertificateInfo,
  CertificatesStatus,
  RenewalMethod,
} from '../../../common/certificates/certificates-contract.js';
import { certificateNames, uncoveredNames } from '../../../common/stack/certificate-names.js';
import type { CertificateMethod } from '../../../common/stack/stack-contract.js';
import type { StatePaths } from '../jobs/state-dir.js';
import { readInstall } from '../stack/detect.js';
import { readCertificateState } from '../stack/certificates/certificate-state.js';
import { RENEWAL_AUTHENTICATOR } from '../stack/certificates/certbot-args.js';
import type { StackPaths } from '../stack/stack-paths.js';
import { exec } from '../system/exec.js';
import { readRenewalAttempts } from './renewal-attempts.js';
import { checkServed, tlsPortsOf } from './served-certificates.js';

/** Bounds what a crowded /etc/letsencrypt/live can make the agent read. */
const MAX_CERTIFICATES = 100;

/**
 * certbot's renewal authenticator -> how it renews, and the install method whose names it must cover:
 * the install's own mapping read backwards (a certificate first issued by --standalone or certbot's
 * nginx plugin renews over HTTP-01 too).
 */
function renewalMethodOf(authenticator: string | undefined): {
  method: RenewalMethod;
  provider?: string;
  installMethod?: CertificateMethod;
} {
  if (authenticator === 'standalone' || authenticator === 'nginx') return { method: 'http-01', installMethod: 'http' };
  const installMethod = (Object.keys(RENEWAL_AUTHENTICATOR) as CertificateMethod[]).find(
    (method) => RENEWAL_AUTHENTICATOR[method] === authenticator,
  );
  if (installMethod === 'http') return { method: 'http-01', installMethod };
  if (installMethod === 'manual') return { method: 'manual-dns', installMethod };
  // A DNS plugin, ours or one the user set up by hand: dns-<provider>.
  const provider = /^dns-([a-z0-9-]{1,60})$/.exec(authenticator ?? '')?.[1];
  if (provider) return { method: 'dns-provider', provider, ...(installMethod ? { installMethod } : {}) };
  return { method: 'unknown' };
}

/** "C=US\nO=Let's Encrypt\nCN=R11" -> R11 (or the organisation when there is no CN). */
export function issuerName(issuer: string): string {
  const fields = new Map(
    issuer.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return fields.get('CN') ?? fields.get('O') ?? issuer;
}

async function readCertificate(paths: StackPaths, certName: string, domain: string | undefined) {
  const { leaf, names, renewal: params } = await readCertificateState(paths, certName);
  if (!leaf) return undefined;
  const renewal = renewalMethodOf(params?.authenticator);
  // The domain's own certificate must cover what its services are reached by; others are the user's.
  const required =
    domain && certName === domain && renewal.installMethod ? certificateNames(renewal.installMethod, domain) : [];
  const info: CertificateInfo = {
    certName,
    names,
    issuer: issuerName(leaf.issuer),
    notBefore: new Date(leaf.validFrom).toISOString(),
    notAfter: new Date(leaf.validTo).toISOString(),
    method: renewal.method,
    ...(renewal.provider ? { provider: renewal.provider } : {}),
    missingNames: uncoveredNames(required, names),
  };
  return info;
}

/**
 * What renews by itself: certbot's timer where systemd runs (Debian's certbot package enables it),
 * else the package's /etc/cron.d/certbot (twice a day; it stands down where systemd runs) when cron
 * is installed to read it.
 */
async function autoRenewOf(systemRoot: string): Promise<AutoRenew> {
  if (existsSync(path.join(systemRoot, 'run', 'systemd', 'system'))) {
    const enabled = await exec('systemctl', ['is-enabled', 'certbot.timer'], { timeoutMs: 10_000 }).catch(
      () => undefined,
    );
    if (enabled?.stdout.trim() === 'enabled') return 'systemd-timer';
  }
  const cronFile = path.join(systemRoot, 'etc', 'cron.d', 'certbot');
  const cron = ['usr/sbin/cron', 'usr/sbin/crond'].some((file) => existsSync(path.join(systemRoot, file)));
  return cron && existsSync(cronFile) ? 'cron' : 'none';
}

/** certificates.status: every certificate certbot holds, the domain's own first. */
export async function certificatesStatus(
  paths: StackPaths,
  state: StatePaths,
  now = new Date(),
): Promise<CertificatesStatus> {
  const install = await readInstall(paths);
  const domain = install?.domain;
  const attempts = readRenewalAttempts(state);
  const liveDir = path.join(paths.letsencryptDir, 'live');
  const entries = await readdir(liveDir, { withFileTypes: true }).catch(() => []);
  const certNames = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => Number(b === domain) - Number(a === domain) || a.localeCompare(b))
    .slice(0, MAX_CERTIFICATES);
  const certificates: CertificateInfo[] = [];
  for (const certName of certNames) {
    const info = await readCertificate(paths, certName, domain);
    if (!info) continue;
    const lastRenewal = attempts[certName];
    if (lastRenewal) info.lastRenewal = lastRenewal;
    // The domain's own is what the stack's TLS ports serve: ask them, as a mail client would.
    if (install && certName === domain) {
      const { leaf } = await readCertificateState(paths, certName);
      const served = leaf
        ? await checkServed(
            tlsPortsOf((key) => install.file.get(key), install.profile),
            certName,
            leaf,
          )
        : [];
      // Nothing answers while the stack is stopped: the dashboard says that; here it is nothing to judge.
      if (served.some((check) => check.serves !== 'none')) info.served = served;
    }
    certificates.push(info);
  }
  const systemRoot = path.dirname(path.dirname(paths.letsencryptDir));
  return {
    at: now.toISOString(),
    ...(domain ? { domain } : {}),
    certificates,
    autoRenew: await autoRenewOf(systemRoot),
  };
}
