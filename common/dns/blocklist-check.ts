/**
 * Blocklist (DNSBL) lookups for the server's addresses and the mail domain. A listing is an A record in
 * 127.0.0.0/8 that the list documents as "listed"; every other answer is an error, never a listing:
 * Spamhaus answers 127.255.255.x when it refuses a public resolver or rate-limits, a dead list may answer
 * everything with some address, and reading those as "listed" would send the user chasing ghosts.
 */
import { isIPv4 } from 'node:net';
import { isValidDomainName, normalizeName } from './dns-names.js';
import type { DnsQuery, DnsResponse, DnsServer } from './dns-types.js';
import {
  askResolvers,
  checkCommonInput,
  checkHostName,
  invalidInput,
  parseAddresses,
  reversedLabels,
} from './ptr-check.js';

export type BlocklistState = 'clean' | 'listed' | 'error';

export interface BlocklistResult {
  /** The list's zone, e.g. zen.spamhaus.org. */
  list: string;
  /** The address or domain that was looked up. */
  target: string;
  state: BlocklistState;
  detail?: string;
  /** The A records the list answered with (when it answered any). */
  answers?: string[];
}

/** One documented answer: a single address, or a first-last range, and what it means. */
export interface BlocklistAnswer {
  first: string;
  last?: string;
  meaning: string;
}

export interface BlocklistZone {
  /** Shown to the user: "Spamhaus ZEN". */
  name: string;
  /** The DNS zone asked. Tests point this at zones of their own. */
  zone: string;
  /** 'ip': server addresses, reversed in front of the zone; 'domain': the mail domain in front of it. */
  kind: 'ip' | 'domain';
  /** IP lists that also list IPv6 addresses (nibble format, like reverse DNS); others skip IPv6. */
  ipv6?: boolean;
  /** The answers that mean "listed". Anything not here and not in errorAnswers is an unexpected answer. */
  listedAnswers: BlocklistAnswer[];
  /** The answers a list uses to say it did not answer the question (refused, rate limited). */
  errorAnswers: BlocklistAnswer[];
  /** Where a person looks the listing up and asks for removal. */
  lookupUrl?: string;
}

export interface CheckBlocklistsInput {
  addresses: string[];
  domain: string;
  query: DnsQuery;
  /** Asked in order. Spamhaus refuses public resolvers, so an error answer moves on to the next one. */
  resolvers: DnsServer[];
  /** Default DEFAULT_BLOCKLISTS. */
  lists?: BlocklistZone[];
  /** Per query. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Spamhaus's error range (127.255.255.0/24, announced 2019): an error about the query, never a reputation. */
const SPAMHAUS_ERRORS: BlocklistAnswer[] = [
  { first: '127.255.255.252', meaning: 'Spamhaus: typing error in the list name' },
  { first: '127.255.255.254', meaning: 'Spamhaus refused the query: it came through a public or open resolver' },
  { first: '127.255.255.255', meaning: 'Spamhaus refused the query: too many queries from this resolver' },
  { first: '127.255.255.0', last: '127.255.255.251', meaning: 'Spamhaus error answer' },
  { first: '127.255.255.253', meaning: 'Spamhaus error answer' },
];

/** 127.0.0.2 is the conventional "listed" answer (RFC 5782); 127.0.0.1 is never a listing there. */
const SIMPLE_LISTED: BlocklistAnswer[] = [{ first: '127.0.0.2', meaning: 'listed' }];
const LOOPBACK_IS_NOT_A_LISTING: BlocklistAnswer[] = [
  { first: '127.0.0.1', meaning: 'the list answered 127.0.0.1, which is not a listing (query refused?)' },
];

/**
 * The lists checked by default: the ones large receivers are known to consult. SORBS is left out (closed
 * in 2024). Lists change; the zones are data, so an update does not touch the code.
 */
export const DEFAULT_BLOCKLISTS: readonly BlocklistZone[] = [
  {
    name: 'Spamhaus ZEN',
    zone: 'zen.spamhaus.org',
    kind: 'ip',
    ipv6: true,
    listedAnswers: [
      { first: '127.0.0.2', meaning: 'Spamhaus SBL (spam source)' },
      { first: '127.0.0.3', meaning: 'Spamhaus CSS (low-reputation mail)' },
      { first: '127.0.0.4', last: '127.0.0.7', meaning: 'Spamhaus XBL (infected or exploited host)' },
      { first: '127.0.0.9', meaning: 'Spamhaus DROP (hijacked network)' },
      { first: '127.0.0.10', meaning: 'Spamhaus PBL, set by the network owner: this address should not send mail' },
      { first: '127.0.0.11', meaning: 'Spamhaus PBL: this address should not send mail directly' },
      { first: '127.0.0.30', meaning: 'Spamhaus BCL (botnet controller)' },
    ],
    errorAnswers: [...SPAMHAUS_ERRORS, ...LOOPBACK_IS_NOT_A_LISTING],
    lookupUrl: 'https://check.spamhaus.org/',
  },
  {
    name: 'Barracuda',
    zone: 'b.barracudacentral.org',
    kind: 'ip',
    listedAnswers: SIMPLE_LISTED,
    errorAnswers: LOOPBACK_IS_NOT_A_LISTING,
    lookupUrl: 'https://www.barracudacentral.org/lookups',
  },
  {
    name: 'SpamCop',
    zone: 'bl.spamcop.net',
    kind: 'ip',
    listedAnswers: SIMPLE_LISTED,
    errorAnswers: LOOPBACK_IS_NOT_A_LISTING,
    lookupUrl: 'https://www.spamcop.net/bl.shtml',
  },
  {
    name: 'PSBL',
    zone: 'psbl.surriel.com',
    kind: 'ip',
    listedAnswers: SIMPLE_LISTED,
    errorAnswers: LOOPBACK_IS_NOT_A_LISTING,
    lookupUrl: 'https://psbl.org/',
  },
  {
    name: 'UCEPROTECT level 1',
    zone: 'dnsbl-1.uceprotect.net',
    kind: 'ip',
    listedAnswers: SIMPLE_LISTED,
    errorAnswers: LOOPBACK_IS_NOT_A_LISTING,
    lookupUrl: 'https://www.uceprotect.net/en/rblcheck.php',
  },
  {
    name: 'Spamhaus DBL',
    zone: 'dbl.spamhaus.org',
    kind: 'domain',
    listedAnswers: [
      { first: '127.0.1.2', meaning: 'Spamhaus DBL: low-reputation domain' },
      { first: '127.0.1.4', meaning: 'Spamhaus DBL: phishing domain' },
      { first: '127.0.1.5', meaning: 'Spamhaus DBL: malware domain' },
      { first: '127.0.1.6', meaning: 'Spamhaus DBL: botnet controller domain' },
      { first: '127.0.1.102', last: '127.0.1.106', meaning: 'Spamhaus DBL: abused legitimate domain' },
    ],
    errorAnswers: [
      { first: '127.0.1.255', meaning: 'Spamhaus DBL: IP addresses cannot be looked up in the DBL' },
      ...SPAMHAUS_ERRORS,
      ...LOOPBACK_IS_NOT_A_LISTING,
    ],
    lookupUrl: 'https://check.spamhaus.org/',
  },
  {
    name: 'SURBL',
    zone: 'multi.surbl.org',
    kind: 'domain',
    // a bitmask in the last byte: 8 phishing, 16 malware, 64 abuse, 128 cracked site, and their sums
    listedAnswers: [{ first: '127.0.0.2', last: '127.0.0.254', meaning: 'SURBL: domain seen in spam links' }],
    errorAnswers: [
      { first: '127.0.0.1', meaning: 'SURBL refused the query (it answers 127.0.0.1 to blocked resolvers)' },
    ],
    lookupUrl: 'https://surbl.org/surbl-analysis',
  },
];

function ipv4Number(text: string): number | undefined {
  if (!isIPv4(text)) return undefined;
  return text.split('.').reduce((value, byte) => value * 256 + Number(byte), 0);
}

function findAnswer(answers: BlocklistAnswer[], value: number): BlocklistAnswer | undefined {
  return answers.find((answer) => {
    const first = ipv4Number(answer.first);
    const last = ipv4Number(answer.last ?? answer.first);
    return first !== undefined && last !== undefined && value >= first && value <= last;
  });
}

export type AnswerReading =
  { state: 'clean' } | { state: 'listed'; meanings: string[] } | { state: 'error'; reason: string };

/**
 * What one list's A records say. Errors win: a list that answers with one error code and one listing code
 * at once is not answering for real. An answer outside 127.0.0.0/8 (a list whose domain lapsed and now
 * resolves everything) is an error too.
 */
export function readBlocklistAnswers(list: BlocklistZone, answers: string[]): AnswerReading {
  if (answers.length === 0) return { state: 'clean' };
  const meanings: string[] = [];
  for (const answer of answers) {
    const value = ipv4Number(answer);
    if (value === undefined || value >>> 24 !== 127)
      return { state: 'error', reason: `unexpected answer ${answer}: not a blocklist answer (is the list still run?)` };
    const error = findAnswer(list.errorAnswers, value);
    if (error) return { state: 'error', reason: `${answer}: ${error.meaning}` };
    const listed = findAnswer(list.listedAnswers, value);
    if (!listed) return { state: 'error', reason: `unexpected answer ${answer}: not one this list documents` };
    meanings.push(`${answer}: ${listed.meaning}`);
  }
  return { state: 'listed', meanings };
}

function aRecords(response: DnsResponse): string[] {
  return response.answers.flatMap((record) => (record.data.type === 'A' ? [record.data.value] : []));
}

function checkLists(lists: BlocklistZone[]): void {
  if (!Array.isArray(lists)) throw invalidInput('lists', 'must be a list of blocklist zones');
  for (const [index, list] of lists.entries()) {
    if (typeof list?.zone !== 'string' || !isValidDomainName(list.zone))
      throw invalidInput(`lists[${index}].zone`, `${JSON.stringify(list?.zone)} is not a DNS zone`);
    if (list.kind !== 'ip' && list.kind !== 'domain')
      throw invalidInput(`lists[${index}].kind`, "must be 'ip' or 'domain'");
    for (const [key, answers] of [
      ['listedAnswers', list.listedAnswers],
      ['errorAnswers', list.errorAnswers],
    ] as const) {
      if (!Array.isArray(answers)) throw invalidInput(`lists[${index}].${key}`, 'must be a list of answers');
      for (const [at, answer] of answers.entries())
        if (ipv4Number(answer.first) === undefined || ipv4Number(answer.last ?? answer.first) === undefined)
          throw invalidInput(`lists[${index}].${key}[${at}]`, 'first and last must be IPv4 addresses');
    }
  }
}

export interface BlocklistLookup {
  list: BlocklistZone;
  target: string;
  name: string;
}

async function lookUp(input: CheckBlocklistsInput, { list, target, name }: BlocklistLookup): Promise<BlocklistResult> {
  const zone = normalizeName(list.zone);
  let response: DnsResponse;
  try {
    // An error code from one resolver (a public one Spamhaus refuses) is worth asking the next one about.
    response = await askResolvers({ ...input, name, type: 'A' }, (answer) => {
      const reading = readBlocklistAnswers(list, aRecords(answer));
      return reading.state === 'error' ? reading.reason : undefined;
    });
  } catch (error) {
    return { list: zone, target, state: 'error', detail: error instanceof Error ? error.message : String(error) };
  }
  const answers = aRecords(response);
  const reading = readBlocklistAnswers(list, answers);
  if (reading.state === 'listed') {
    const where = list.lookupUrl ? ` (look it up and ask for removal at ${list.lookupUrl})` : '';
    return { list: zone, target, state: 'listed', answers, detail: `${reading.meanings.join('; ')}${where}` };
  }
  // askResolvers only returns answers that read as clean or listed
  return { list: zone, target, state: 'clean' };
}

/** The questions to ask: every IP list for every address it covers, every domain list for the domain. */
export function blocklistLookups(
  addresses: string[],
  domain: string,
  lists: readonly BlocklistZone[],
): BlocklistLookup[] {
  const parsed = parseAddresses(addresses);
  const lookups: BlocklistLookup[] = [];
  for (const list of lists) {
    const zone = normalizeName(list.zone);
    if (list.kind === 'domain') {
      lookups.push({ list, target: domain, name: `${domain}.${zone}` });
      continue;
    }
    for (const address of parsed) {
      if (address.family === 6 && !list.ipv6) continue;
      lookups.push({ list, target: address.text, name: `${reversedLabels(address.text)}.${zone}` });
    }
  }
  return lookups;
}

/** Every lookup at once: a full check is one round trip when the resolvers answer. */
export async function checkBlocklists(input: CheckBlocklistsInput): Promise<BlocklistResult[]> {
  checkCommonInput(input);
  const domain = checkHostName('domain', input.domain);
  const lists = input.lists ?? [...DEFAULT_BLOCKLISTS];
  checkLists(lists);
  return Promise.all(blocklistLookups(input.addresses, domain, lists).map((lookup) => lookUp(input, lookup)));
}
