import type { DnsEnvironment } from '../../electron/services/outside-addresses.js';
import { blocklistsAt } from '../../electron/services/outside-addresses.js';
import type { DnsState } from '../world/pieces/dns.js';
import { pieceState } from '../world/pieces/shared/piece-state.js';
import type { WorldState } from '../world/world.js';

/** The discard port answers nothing: a DNS check that strays fails (as lookup errors) instead of reaching the internet. */
export const UNREACHABLE_DNS_ENVIRONMENT: DnsEnvironment = {
  resolvers: [{ host: '127.0.0.1', port: 9 }],
  blocklists: [],
};

/**
 * Where the world's blocklists live: names under mailharbor.test that nothing is published at, so knot
 * answers NXDOMAIN for every address and domain, which is a clean result. A test that wants a listing
 * writes the record into a zone of its own.
 */
export const WORLD_BLOCKLIST_ZONES: ReadonlyMap<string, string> = new Map([
  ['zen.spamhaus.org', 'zen.bl.mailharbor.test'],
  ['b.barracudacentral.org', 'barracuda.bl.mailharbor.test'],
  ['dbl.spamhaus.org', 'dbl.bl.mailharbor.test'],
]);

/**
 * The world's knot as the only resolver. It is authoritative only, but answers every question about its
 * zones whatever the recursion flag says, which is all the checks need: the nameservers of
 * vpsN.mailharbor.test are found through its SOA and NS (ns1.mailharbor.test = the gateway, where knot
 * listens on port 53 too), and PTRs and blocklists are its own zones.
 */
export function worldDnsEnvironment(world: WorldState): DnsEnvironment {
  const dns = pieceState<DnsState>(world, 'dns');
  return {
    resolvers: [{ host: dns.loopback.host, port: dns.loopback.port }],
    blocklists: blocklistsAt(WORLD_BLOCKLIST_ZONES),
  };
}
