/**
 * Who decides what a domain's records are: the authoritative nameservers of its zone. Found through a
 * recursive resolver (the zone from SOA, its NS names, their addresses); the records themselves are
 * then asked of those servers directly, without recursion, so a resolver's cache never hides a change.
 */
import { DnsLookupError } from './dns-client.js';
import { isSameOrParent, normalizeName, parentNames, sameName } from './dns-names.js';
import type { DnsQuery, DnsRecord, DnsRecordType, DnsResponse, DnsServer } from './dns-types.js';

/**
 * Cloudflare, Google and Quad9: context for propagation ("what most of the internet sees now") and the
 * default way to find a zone's nameservers. Tests always pass the test world's servers instead.
 */
export const PUBLIC_RESOLVERS: readonly DnsServer[] = [
  { host: '1.1.1.1', port: 53 },
  { host: '8.8.8.8', port: 53 },
  { host: '9.9.9.9', port: 53 },
];

/** Names a full domain can have; bounds the walk up the tree when the SOA answer gives no zone. */
const MAX_LABELS = 127;

export interface AuthoritativeServer {
  /** The NS name (or the host given with --nameserver). */
  nameserver: string;
  server: DnsServer;
}

export interface ZoneAuthority {
  /** The zone holding the domain ('example.com' for mail.example.com when that is no zone of its own). */
  zone: string;
  /** 'discovered' through resolvers, or 'explicit' when the caller named the servers. */
  source: 'discovered' | 'explicit';
  nameservers: string[];
  servers: AuthoritativeServer[];
}

export interface DiscoverOptions {
  query: DnsQuery;
  resolvers: readonly DnsServer[];
  timeoutMs: number;
  signal?: AbortSignal;
  /**
   * Also ask nameservers over IPv6. Off by default: many desktops and VPSes have no IPv6 route, and every
   * real zone's nameservers have IPv4 addresses too, so IPv6 would only add unreachable servers.
   */
  useIpv6?: boolean;
}

/** Thrown when no zone or no nameserver address can be found; the check reports it as a lookup error. */
export class AuthorityNotFoundError extends Error {
  readonly retryable = true;
  constructor(message: string) {
    super(message);
    this.name = 'AuthorityNotFoundError';
  }
}

/**
 * Asks every resolver at once and takes the first real answer (NOERROR or NXDOMAIN): one slow or
 * refusing resolver costs nothing while another answers.
 */
export async function askResolvers(name: string, type: DnsRecordType, options: DiscoverOptions): Promise<DnsResponse> {
  if (options.resolvers.length === 0) throw new AuthorityNotFoundError('no resolvers to ask');
  const attempts = options.resolvers.map(async (resolver) => {
    const response = await options.query(resolver, name, type, {
      recursionDesired: true,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    if (response.rcode !== 'NOERROR' && response.rcode !== 'NXDOMAIN') {
      throw new DnsLookupError('refused', resolver, `${type} ${name}`, `answered ${response.rcode}`);
    }
    return response;
  });
  try {
    return await Promise.any(attempts);
  } catch (error) {
    const reasons = error instanceof AggregateError ? error.errors : [error];
    const text = reasons.map((reason) => (reason instanceof Error ? reason.message : String(reason))).join('; ');
    throw new AuthorityNotFoundError(`no resolver answered ${type} ${name}: ${text}`);
  }
}

/** The zone an SOA answer names for `domain`: an SOA at the name itself or, in the authority section, at a parent. */
function zoneFromSoa(domain: string, response: DnsResponse): string | undefined {
  const soa = [...response.answers, ...response.authorities].find(
    (record) => record.data.type === 'SOA' && isSameOrParent(record.name, domain),
  );
  return soa ? normalizeName(soa.name) : undefined;
}

function nsNames(zone: string, response: DnsResponse): string[] {
  const names = response.answers
    .filter((record) => record.data.type === 'NS' && sameName(record.name, zone))
    .map((record) => (record.data.type === 'NS' ? normalizeName(record.data.value) : ''));
  return [...new Set(names)].sort();
}

async function findZone(domain: string, options: DiscoverOptions, first: DnsResponse): Promise<string> {
  const fromFirst = zoneFromSoa(domain, first);
  if (fromFirst) return fromFirst;
  // No SOA that names the zone (a CNAME at the name, or a resolver that leaves the authority section
  // out): walk up the tree, nearest parent first.
  for (const parent of parentNames(domain).slice(0, MAX_LABELS)) {
    const zone = zoneFromSoa(parent, await askResolvers(parent, 'SOA', options));
    if (zone) return zone;
  }
  throw new AuthorityNotFoundError(`no SOA record found for ${domain} or any parent`);
}

function addressesFrom(records: readonly DnsRecord[], host: string, useIpv6: boolean): string[] {
  return records
    .filter((record) => sameName(record.name, host))
    .flatMap((record) =>
      record.data.type === 'A' || (useIpv6 && record.data.type === 'AAAA') ? [record.data.value] : [],
    );
}

async function addressesOf(host: string, options: DiscoverOptions): Promise<string[]> {
  const types: DnsRecordType[] = options.useIpv6 ? ['A', 'AAAA'] : ['A'];
  const answers = await Promise.all(types.map((type) => askResolvers(host, type, options).catch(() => undefined)));
  return answers.flatMap((response) => (response ? addressesFrom(response.answers, host, !!options.useIpv6) : []));
}

/**
 * The zone of `domain` and the addresses of its nameservers, in as few round trips as the answers
 * allow: SOA and NS of the domain go out together (the domain usually is the zone), then the
 * nameservers' addresses, all at once. Three round trips when the domain is its own zone.
 */
export async function discoverAuthority(domain: string, options: DiscoverOptions): Promise<ZoneAuthority> {
  const name = normalizeName(domain);
  const [soa, ns] = await Promise.all([
    askResolvers(name, 'SOA', options),
    askResolvers(name, 'NS', options).catch(() => undefined),
  ]);
  let nameservers = ns ? nsNames(name, ns) : [];
  let zone = name;
  if (nameservers.length === 0) {
    zone = await findZone(name, options, soa);
    // only the top-level domain knows the name: it is not registered, or its delegation is missing
    if (!zone.includes('.')) throw new AuthorityNotFoundError(`${name} is not delegated: only ${zone} answers for it`);
    nameservers = nsNames(zone, await askResolvers(zone, 'NS', options));
  }
  if (nameservers.length === 0) throw new AuthorityNotFoundError(`the zone ${zone} has no NS records`);

  const servers: AuthoritativeServer[] = [];
  await Promise.all(
    nameservers.map(async (nameserver) => {
      const addresses = await addressesOf(nameserver, options);
      for (const host of [...new Set(addresses)].sort()) servers.push({ nameserver, server: { host, port: 53 } });
    }),
  );
  if (servers.length === 0) {
    throw new AuthorityNotFoundError(`no address found for the nameservers of ${zone}: ${nameservers.join(', ')}`);
  }
  servers.sort((a, b) => a.nameserver.localeCompare(b.nameserver) || a.server.host.localeCompare(b.server.host));
  return { zone, source: 'discovered', nameservers, servers };
}

/** The authority when the caller names the servers (`--nameserver HOST:PORT`): no discovery at all. */
export function explicitAuthority(domain: string, servers: readonly DnsServer[]): ZoneAuthority {
  return {
    zone: normalizeName(domain),
    source: 'explicit',
    nameservers: servers.map((server) => server.host),
    servers: servers.map((server) => ({ nameserver: server.host, server })),
  };
}
