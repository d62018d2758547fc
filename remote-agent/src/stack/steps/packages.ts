import type { CertificateMethod } from '../../../../common/stack/stack-contract.js';
import type { InstallContext, InstallStep } from '../install-step.js';
import { aptInstall, aptUpdate, missingPackages } from '../system/apt.js';

/** certbot's DNS plugins, by the certificate method that needs them. */
const DNS_PLUGINS: Partial<Record<CertificateMethod, string>> = {
  cloudflare: 'python3-certbot-dns-cloudflare',
  digitalocean: 'python3-certbot-dns-digitalocean',
  route53: 'python3-certbot-dns-route53',
};

/** certbot (always: renewals, even of a certificate first issued by hand), its DNS plugin, and ufw. */
export function packagesFor(install: Pick<InstallContext, 'options'>): string[] {
  const plugin = DNS_PLUGINS[install.options.certificates.method];
  return ['certbot', ...(plugin ? [plugin] : []), 'ufw'];
}

export const packagesStep: InstallStep = {
  id: 'packages',
  title: 'certbot and ufw',

  async plan(install) {
    const wanted = packagesFor(install);
    const missing = new Set(await missingPackages(wanted, AbortSignal.timeout(60_000)));
    return wanted.map((name) => ({ kind: 'package', target: name, action: missing.has(name) ? 'install' : 'keep' }));
  },

  async check(install, step) {
    return (await missingPackages(packagesFor(install), step.signal)).length === 0;
  },

  async run(install, step) {
    const missing = await missingPackages(packagesFor(install), step.signal);
    if (missing.length === 0) return;
    await aptUpdate(step, { from: 0, to: 20 });
    await aptInstall(missing, step, { from: 20, to: 100 });
  },
};
