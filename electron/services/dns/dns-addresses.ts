import { isIP } from 'node:net';
import { ipInNetwork } from '../../../common/dns/ip-address.js';
import { AppError } from '../../../common/errors/app-error.js';
import type { AddressSource } from '../../contract/dns-schemas.js';
import { type DnsFactsResult } from '../../../common/stack/stack-contract.js';

/** IPv4 networks nobody on the internet can send mail to (RFC 6890): private, shared, loopback, link-local, multicast. */
const NOT_PUBLIC_IPV4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/4',
  '240.0.0.0/4',
];

export function isPublicIpv4(address: string): boolean {
  return isIP(address) === 4 && !NOT_PUBLIC_IPV4.some((network) => ipInNetwork(address, network));
}

export interface ServerAddresses {
  ipv4: string;
  ipv6?: string;
  source: AddressSource;
}

/** Resolves the SSH host name to IPv4 addresses (the desktop's own resolver); failures give none. */
export type HostLookup = (host: string) => Promise<string[]>;

/**
 * The addresses the records must point at. The server's interfaces know best when they carry a public
 * address. Behind NAT (EC2, some clouds) they carry only private ones, and the address the desktop
 * reaches the server at is the public one, so it is next. A private address is the last resort: the page
 * then says so, because the world cannot reach it.
 */
export async function chooseServerAddresses(
  facts: DnsFactsResult,
  connectionHost: string,
  lookupHost: HostLookup,
): Promise<ServerAddresses> {
  const ipv6 = facts.ipv6 ? { ipv6: facts.ipv6 } : {};
  if (facts.ipv4) return { ipv4: facts.ipv4, ...ipv6, source: 'server' };
  const host = connectionHost.trim();
  const candidates = isIP(host) === 4 ? [host] : isIP(host) === 0 ? await lookupHost(host).catch(() => []) : [];
  const reached = candidates.find(isPublicIpv4);
  if (reached) return { ipv4: reached, ...ipv6, source: 'connection' };
  const [fallback] = facts.privateIpv4;
  if (fallback) return { ipv4: fallback, ...ipv6, source: 'private' };
  throw new AppError('stack.invalidOptions', {
    params: { field: 'ipv4' },
    detail:
      'the server has no IPv4 address on its interfaces and is not reached over a public IPv4 address: mail needs one',
  });
}
