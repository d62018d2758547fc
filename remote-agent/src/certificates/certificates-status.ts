import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  AutoRenew,
  CertificateInfo,
  CertificatesStatus,
  RenewalMethod,
} from '../../../common/certificates/certificates-contract.js';
import { certificateNames, uncoveredNames } from '../../../common/stack/certificate-names.js';
import type { CertificateMethod } from '../../../common/stack/stack-contract.js';
import { readInstall } from '../stack/detect.js';
import { subjectAltNames } from '../stack/certificates/certificate-state.js';
import { readRenewalParams } from '../stack/certificates/renewal-config.js';
import type { StackPaths } from '../stack/stack-paths.js';
import { exec } from '../system/exec.js';

/** Bounds what a crowded /etc/letsencrypt/live can make the agent read. */
const MAX_CERTIFICATES = 100;

/** certbot's renewal authenticator -> how it renews, and the install method whose names it must cover. */
function renewalMethodOf(authenticator: string | undefined): {
  method: RenewalMethod;
  provider?: string;
  installMethod?: CertificateMethod;
} {
  if (authenticator === 'webroot' || authenticator === 'standalone' || authenticator === 'nginx') {
    return { method: 'http-01', installMethod: 'http' };
  }
  if (authenticator === 'manual') return { method: 'manual-dns', installMethod: 'manual' };
  const plugin = /^dns-([a-z0-9]+)$/.exec(authenticator ?? '')?.[1];
  if (plugin) {
    const known = ['cloudflare', 'digitalocean', 'route53'] as const;
    const installMethod = known.find((name) => name === plugin);
    return { method: 'dns-provider', provider: plugin, ...(installMethod ? { installMethod } : {}) };
  }
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
  let leaf: X509Certificate;
  try {
    // X509Certificate reads the first PEM block: the leaf, in a fullchain.
    leaf = new X509Certificate(await readFile(path.join(paths.letsencryptDir, 'live', certName, 'fullchain.pem')));
  } catch {
    return undefined;
  }
  const names = subjectAltNames(leaf);
  const renewal = renewalMethodOf((await readRenewalParams(paths, certName))?.authenticator);
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
export async function certificatesStatus(paths: StackPaths, now = new Date()): Promise<CertificatesStatus> {
  const domain = (await readInstall(paths))?.domain;
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
    if (info) certificates.push(info);
  }
  const systemRoot = path.dirname(path.dirname(paths.letsencryptDir));
  return {
    at: now.toISOString(),
    ...(domain ? { domain } : {}),
    certificates,
    autoRenew: await autoRenewOf(systemRoot),
  };
}
