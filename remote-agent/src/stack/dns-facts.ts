import { AppError } from '../../../common/errors/app-error.js';
import { interfaceAddresses, type InterfaceAddresses } from '../preflight/addresses.js';
import { readInstall } from './detect.js';
import type { StackProfile } from '../../../common/stack/stack-contract.js';
import type { StackPaths } from './stack-paths.js';
import { dkimPublicKeyRecord } from './steps/dkim.js';

/**
 * What the DNS page needs from the installed stack to build its record plan: the domain and profile
 * (.env), the server's addresses as its interfaces carry them, and the DKIM selector with the public
 * half of ssl/dkim.key. Read only; the private key never leaves this function (only its public half).
 */
export interface DnsFacts {
  domain: string;
  profile: StackProfile;
  /** The first public IPv4 address of the server's interfaces. */
  ipv4?: string;
  /** The first global IPv6 address. */
  ipv6?: string;
  /**
   * Private IPv4 addresses (RFC 1918, CGNAT): a server behind NAT (EC2, some clouds) has only these,
   * and the app then takes the public address from the connection instead.
   */
  privateIpv4: string[];
  dkim: { selector: string; publicKey: string };
}

/** upstream's .env default (mail-stack/env.defaults, DKIM_KEY_SELECTOR). */
export const DEFAULT_DKIM_SELECTOR = 'default';

export async function readDnsFacts(
  paths: StackPaths,
  addresses: InterfaceAddresses = interfaceAddresses(),
): Promise<DnsFacts> {
  const install = await readInstall(paths);
  if (!install?.domain) {
    throw new AppError('stack.notInstalled', {
      params: { directory: paths.dir },
      detail: install ? `DOMAIN is empty in ${paths.envFile}` : `no .env in ${paths.dir}`,
    });
  }
  // The same key the dkim step made and the stack signs with; its errors name the file and what is wrong.
  const record = await dkimPublicKeyRecord(paths);
  const publicKey = /p=([A-Za-z0-9+/=]+)$/.exec(record)?.[1] ?? '';
  const facts: DnsFacts = {
    domain: install.domain.toLowerCase(),
    profile: install.profile,
    // loopback and link-local addresses are nobody's way in
    privateIpv4: addresses.privateIpv4.filter((address) => !/^(127|169\.254)\./.test(address)),
    dkim: { selector: install.file.get('DKIM_KEY_SELECTOR') || DEFAULT_DKIM_SELECTOR, publicKey },
  };
  const [ipv4] = addresses.publicIpv4;
  const [ipv6] = addresses.globalIpv6;
  if (ipv4) facts.ipv4 = ipv4;
  if (ipv6) facts.ipv6 = ipv6;
  return facts;
}
