/**
 * Reverse DNS (PTR) of the server's addresses: each address must name exactly the mail host (mx.<domain>),
 * and that name must resolve back to the address ("forward-confirmed"), because receiving servers check
 * both before they trust a sender. Also home of what the blocklist check shares with it: validating the
 * addresses and asking resolvers in turn.
 */
import { isIP } from 'node:net';
import { AppError } from '../errors/app-error.js';
import { DnsLookupError, formatServer } from './dns-client.js';
import { isValidDomainName, normalizeName } from './dns-names.js';
import type { DnsQuery, DnsRecordType, DnsResponse, DnsServer } from './dns-types.js';
import { canonicalIp, reverseName } from './ip-address.js';

export type PtrState = 'correct' | 'wrong' | 'missing' | 'notConfirmed' | 'error';

export interface PtrResult {
  address: string;
  state: PtrState;
  /** The names the PTR records hold (lower case, no trailing dot). */
  found: string[];
  detail?: string;
}

export interface CheckPtrInput {
  addresses: string[];
  /** The name every address must point at: mx.<domain>. */
  expectedName: string;
  query: DnsQuery;
  /** Asked in order; the next one only when the one before failed. */
  resolvers: DnsServer[];
  /** Per query. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** RFC 2317 classless delegation puts a CNAME in front of the PTR; a real chain is one or two hops. */
const MAX_CNAME_HOPS = 4;

export interface ServerAddress {
  /** As given, trimmed. */
  text: string;
  family: 4 | 6;
}

/** The reverse name without in-addr.arpa / ip6.arpa: what blocklists put in front of their zone. */
export function reversedLabels(address: string): string {
  return reverseName(address).replace(/\.(in-addr|ip6)\.arpa$/, '');
}

/** Same code and shape as the record plan's input errors, so the app shows them the same way. */
export function invalidInput(field: string, problem: string): AppError {
  return new AppError('stack.invalidOptions', { params: { field }, detail: `${field}: ${problem}` });
}

export function checkCommonInput(input: { resolvers: DnsServer[]; timeoutMs: number }): void {
  if (!Array.isArray(input.resolvers) || input.resolvers.length === 0)
    throw invalidInput('resolvers', 'at least one nameserver is needed');
  for (const [index, server] of input.resolvers.entries()) {
    if (!server || typeof server.host !== 'string' || server.host.trim() === '')
      throw invalidInput(`resolvers[${index}].host`, 'must be a host name or address');
    if (!Number.isInteger(server.port) || server.port < 1 || server.port > 65535)
      throw invalidInput(`resolvers[${index}].port`, `must be a port number (1-65535), got ${String(server.port)}`);
  }
  if (!Number.isFinite(input.timeoutMs) || input.timeoutMs <= 0 || input.timeoutMs > 60_000)
    throw invalidInput('timeoutMs', `must be between 1 and 60000 ms, got ${String(input.timeoutMs)}`);
}

/** Every address checked up front, so one typo is reported by its position instead of as a lookup failure. */
export function parseAddresses(addresses: string[]): ServerAddress[] {
  if (!Array.isArray(addresses)) throw invalidInput('addresses', 'must be a list of IP addresses');
  return addresses.map((raw, index) => {
    const text = typeof raw === 'string' ? raw.trim() : '';
    const family = isIP(text);
    if (family !== 4 && family !== 6)
      throw invalidInput(`addresses[${index}]`, `${JSON.stringify(raw)} is not an IPv4 or IPv6 address`);
    return { text, family };
  });
}

export function checkHostName(field: string, name: unknown): string {
  if (typeof name !== 'string' || !isValidDomainName(name) || !normalizeName(name).includes('.'))
    throw invalidInput(field, `${JSON.stringify(name)} is not a domain name`);
  return normalizeName(name);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Asks the resolvers one after another until one gives a usable answer: NOERROR or NXDOMAIN, and nothing
 * `unusable` objects to. The next resolver is only asked after a failure, so the usual case is one round
 * trip. Throws an Error that lists every resolver's failure when none answered usably.
 */
export async function askResolvers(
  request: {
    query: DnsQuery;
    resolvers: DnsServer[];
    name: string;
    type: DnsRecordType;
    timeoutMs: number;
    signal?: AbortSignal;
  },
  unusable: (response: DnsResponse) => string | undefined = () => undefined,
): Promise<DnsResponse> {
  const failures: string[] = [];
  for (const server of request.resolvers) {
    if (request.signal?.aborted) {
      failures.push('cancelled');
      break;
    }
    try {
      const response = await request.query(server, request.name, request.type, {
        recursionDesired: true,
        timeoutMs: request.timeoutMs,
        signal: request.signal,
      });
      const reason =
        response.rcode === 'NOERROR' || response.rcode === 'NXDOMAIN'
          ? unusable(response)
          : `answered ${response.rcode}`;
      if (reason === undefined) return response;
      failures.push(`${formatServer(server)} ${reason}`);
    } catch (error) {
      // the client's own errors already name the question and the server
      failures.push(
        error instanceof DnsLookupError ? error.message : `${formatServer(server)}: ${describeError(error)}`,
      );
    }
  }
  throw new Error(failures.length === 1 ? failures[0] : `${request.type} ${request.name}: ${failures.join('; ')}`);
}

/** The values of one record type in an answer (a resolver may put a CNAME chain in front). */
function valuesOf(response: DnsResponse, type: 'A' | 'AAAA' | 'PTR' | 'CNAME'): string[] {
  return response.answers.flatMap((record) => (record.data.type === type ? [record.data.value] : []));
}

export interface PtrLookup {
  names: string[];
  error?: string;
}

/**
 * The PTR names of one reverse name. A resolver follows CNAMEs itself; an authoritative server (the test
 * world's, or --nameserver) only returns the CNAME, so the chain is followed here, a few hops at most.
 */
async function lookupPtr(input: CheckPtrInput, reverse: string): Promise<PtrLookup> {
  let name = reverse;
  for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
    let response: DnsResponse;
    try {
      response = await askResolvers({ ...input, name, type: 'PTR' });
    } catch (error) {
      return { names: [], error: describeError(error) };
    }
    const names = valuesOf(response, 'PTR').map(normalizeName);
    if (names.length > 0 || response.rcode === 'NXDOMAIN') return { names: [...new Set(names)] };
    const [alias] = valuesOf(response, 'CNAME');
    if (alias === undefined) return { names: [] };
    name = normalizeName(alias);
  }
  return { names: [], error: `more than ${MAX_CNAME_HOPS} CNAMEs in front of the PTR of ${reverse}` };
}

export interface ForwardLookup {
  addresses: Set<string>;
  error?: string;
}

async function lookupForward(input: CheckPtrInput, expected: string, type: 'A' | 'AAAA'): Promise<ForwardLookup> {
  try {
    const response = await askResolvers({ ...input, name: expected, type });
    const addresses = valuesOf(response, type).filter((value) => isIP(value) !== 0);
    return { addresses: new Set(addresses.map(canonicalIp)) };
  } catch (error) {
    return { addresses: new Set(), error: describeError(error) };
  }
}

export function judgePtr(address: ServerAddress, expected: string, ptr: PtrLookup, forward: ForwardLookup): PtrResult {
  const found = ptr.names;
  const base = { address: address.text, found };
  if (ptr.error !== undefined) return { ...base, state: 'error', detail: ptr.error };
  if (found.length === 0)
    return { ...base, state: 'missing', detail: `no PTR record for ${address.text}; set it to ${expected}` };
  if (found.length > 1 || found[0] !== expected) {
    const several = found.length > 1 ? ' (several PTR records: receivers may pick any one, keep only one)' : '';
    return {
      ...base,
      state: 'wrong',
      detail: `PTR of ${address.text} is ${found.join(', ')}, expected ${expected}${several}`,
    };
  }
  if (forward.error !== undefined) return { ...base, state: 'error', detail: `PTR is right, but ${forward.error}` };
  if (!forward.addresses.has(canonicalIp(address.text))) {
    const type = address.family === 4 ? 'A' : 'AAAA';
    return {
      ...base,
      state: 'notConfirmed',
      detail: `PTR names ${expected}, but ${expected} does not resolve to ${address.text}; add it to the ${type} record of ${expected}`,
    };
  }
  return { ...base, state: 'correct' };
}

/**
 * Checks every address's PTR. The forward lookups of expectedName run at the same time as the PTR lookups
 * (the name to confirm is known up front), so a whole check takes one round trip when nothing fails.
 */
export async function checkPtr(input: CheckPtrInput): Promise<PtrResult[]> {
  checkCommonInput(input);
  const addresses = parseAddresses(input.addresses);
  const expected = checkHostName('expectedName', input.expectedName);
  const noForward: Promise<ForwardLookup> = Promise.resolve({ addresses: new Set() });
  const forwardA = addresses.some((a) => a.family === 4) ? lookupForward(input, expected, 'A') : noForward;
  const forwardAaaa = addresses.some((a) => a.family === 6) ? lookupForward(input, expected, 'AAAA') : noForward;
  return Promise.all(
    addresses.map(async (address) => {
      const [ptr, forward] = await Promise.all([
        lookupPtr(input, reverseName(address.text)),
        address.family === 4 ? forwardA : forwardAaaa,
      ]);
      return judgePtr(address, expected, ptr, forward);
    }),
  );
}
