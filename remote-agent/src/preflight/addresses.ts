import { networkInterfaces } from 'node:os';
import { finding, type PreflightCheck } from './check.js';

export interface InterfaceAddresses {
  publicIpv4: string[];
  privateIpv4: string[];
  globalIpv6: string[];
}

const PRIVATE_IPV4 = [
  [10, 0, 8],
  [172, 16, 12],
  [192, 168, 16],
  [100, 64, 10], // carrier-grade NAT
  [127, 0, 8],
  [169, 254, 16],
] as const;

function isPrivateIpv4(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  const value = ((a << 8) | b) >>> 0;
  return PRIVATE_IPV4.some(([first, second, bits]) => {
    const prefix = ((first << 8) | second) >>> 0;
    const mask = (0xffff << (16 - bits)) & 0xffff;
    return (value & mask) === (prefix & mask);
  });
}

/** Global unicast is 2000::/3; link-local (fe80::/10) and unique local (fc00::/7) are not reachable from outside. */
function isGlobalIpv6(address: string): boolean {
  const first = Number.parseInt(address.split(':')[0] || '0', 16);
  return (first & 0xe000) === 0x2000;
}

/** The server's own addresses, as its interfaces carry them: no outside lookup. */
export function interfaceAddresses(): InterfaceAddresses {
  const result: InterfaceAddresses = { publicIpv4: [], privateIpv4: [], globalIpv6: [] };
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.internal) continue;
      if (entry.family === 'IPv4') {
        (isPrivateIpv4(entry.address) ? result.privateIpv4 : result.publicIpv4).push(entry.address);
      } else if (isGlobalIpv6(entry.address)) {
        result.globalIpv6.push(entry.address);
      }
    }
  }
  return result;
}

function describeAll(found: InterfaceAddresses): string {
  return `interfaces: public IPv4 [${found.publicIpv4.join(', ')}], private IPv4 [${found.privateIpv4.join(', ')}], global IPv6 [${found.globalIpv6.join(', ')}]`;
}

export const ipv4Check: PreflightCheck = {
  id: 'ipv4',
  async run() {
    const found = interfaceAddresses();
    if (found.publicIpv4.length > 0) {
      return finding('ipv4', 'ok', { found: found.publicIpv4.join(', ') }, describeAll(found));
    }
    // Behind NAT the public address is elsewhere; mail and certificates then need port forwarding.
    return finding('ipv4', 'warning', { found: found.privateIpv4.join(', ') || 'none' }, describeAll(found));
  },
};

export const ipv6Check: PreflightCheck = {
  id: 'ipv6',
  async run() {
    const found = interfaceAddresses();
    if (found.globalIpv6.length > 0) {
      return finding('ipv6', 'ok', { found: found.globalIpv6.join(', ') }, describeAll(found));
    }
    return finding('ipv6', 'warning', { found: 'none' }, describeAll(found));
  },
};
