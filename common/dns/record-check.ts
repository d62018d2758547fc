/**
 * One planned record against what the nameservers answered: first what each server says (correct,
 * wrong, missing, or no usable answer), then the verdict: the authoritative servers decide; the public
 * resolvers only tell whether the world has caught up yet ('propagating', with the TTL still to wait).
 * Pure: check-dns.ts sends the queries, this file reads the answers. Browser-safe.
 */
import { normalizeName, sameName } from './dns-names.js';
import { joinTxt, presentRecordData, recordKey } from './record-data.js';
import type { DnsPurposeKey, DnsRecordPlan, PlannedRecord } from './record-plan.js';
import {
  dkimMatches,
  dkimPublicKey,
  dmarcEnforces,
  isDmarc,
  isMtaSts,
  isSpf,
  isTlsRpt,
  mtaStsValid,
  spfAuthorizes,
  tlsRptValid,
} from './txt-policies.js';
import type { DnsRecord, DnsRecordType, DnsResponse, DnsServer } from './dns-types.js';

export type RecordState = 'correct' | 'propagating' | 'disagree' | 'wrong' | 'missing' | 'error';

/** Mistakes reported as exactly what they are, not just "wrong". */
export type DnsFinding = 'spfMultiple' | 'mxIsCname' | 'apexCname' | 'dkimMismatch' | 'dmarcMultiple';

/** What to do about a record; the DNS page and the command turn it into words. */
export interface RecordFix {
  action: 'none' | 'add' | 'replace' | 'wait' | 'alignNameservers' | 'retry';
  /** Where to change it (usually the record's own name; mx.<domain> for an MX host that is a CNAME). */
  name?: string;
  type?: DnsRecordType;
  /** Values to delete (as found). */
  remove?: string[];
  /** Values to publish. */
  add?: string[];
  /** For 'wait': the longest time a resolver may still serve its old answer. */
  waitSeconds?: number;
}

export type ServerState = 'correct' | 'wrong' | 'missing' | 'error';

export interface ServerObservation {
  server: DnsServer;
  /** The NS name for an authoritative server. */
  nameserver?: string;
  state: ServerState;
  found: string[];
  /** Seconds the answer may be cached (a resolver's remaining TTL); negative answers use the SOA minimum. */
  ttl?: number;
  error?: string;
}

export interface RecordCheck {
  id: string;
  name: string;
  host: string;
  type: DnsRecordType;
  required: boolean;
  purpose: DnsPurposeKey;
  state: RecordState;
  expected: string[];
  /** What the authoritative servers publish (the first that answered). */
  found: string[];
  findings: DnsFinding[];
  fix: RecordFix;
  /** propagating: the longest remaining TTL among the resolvers that still hold the old answer. */
  remainingTtlSeconds?: number;
  /** Technical detail: which servers failed and how. */
  detail?: string;
  retryable: boolean;
  authoritative: ServerObservation[];
  resolvers: ServerObservation[];
}

/** One query's outcome on one server: the response, or why there is none. */
export type QueryResult = { ok: true; response: DnsResponse } | { ok: false; error: string };

/** Everything one server answered, keyed by queryKey(name, type). */
export interface ServerResults {
  server: DnsServer;
  nameserver?: string;
  results: ReadonlyMap<string, QueryResult>;
}

export function queryKey(name: string, type: DnsRecordType): string {
  return `${normalizeName(name)} ${type}`;
}

export interface PlannedQuery {
  name: string;
  type: DnsRecordType;
}

/** The question that checks a record: addresses (and CNAMEs planned instead) through A/AAAA, the rest by type. */
export function primaryQuery(record: PlannedRecord): PlannedQuery {
  return { name: record.name, type: record.type === 'CNAME' ? 'A' : record.type };
}

/** Every distinct question the plan needs (the MX host's A is among them: it reveals an MX host that is a CNAME). */
export function queriesFor(plan: DnsRecordPlan): PlannedQuery[] {
  const seen = new Map<string, PlannedQuery>();
  const add = (query: PlannedQuery) => seen.set(queryKey(query.name, query.type), query);
  for (const record of plan.records) {
    add(primaryQuery(record));
    if (record.type === 'MX') add({ name: plan.mxHost, type: 'A' });
  }
  return [...seen.values()];
}

// ---- What one server says ---------------------------------------------------------------------

interface Outcome {
  state: Exclude<ServerState, 'error'>;
  found: string[];
  /** Normalised found values: two servers agree when these are equal. */
  keys: string[];
  findings: DnsFinding[];
  ttl?: number;
  /** Where the fix applies when it is not the record itself. */
  fixAt?: { name: string; type: DnsRecordType; remove: string[]; add: string[] };
}

const MAX_CNAME_HOPS = 8;

function recordsAt(response: DnsResponse, name: string, type: DnsRecordType): DnsRecord[] {
  return response.answers.filter((record) => record.data.type === type && sameName(record.name, name));
}

function cnameTarget(response: DnsResponse, name: string): string | undefined {
  const [cname] = recordsAt(response, name, 'CNAME');
  return cname?.data.type === 'CNAME' ? normalizeName(cname.data.value) : undefined;
}

/** Follows CNAMEs inside the answer (servers add the chain they know) to the records of `type` at its end. */
function chase(response: DnsResponse, name: string, type: DnsRecordType): DnsRecord[] {
  let current = name;
  for (let hop = 0; hop < MAX_CNAME_HOPS; hop++) {
    const direct = recordsAt(response, current, type);
    if (direct.length > 0) return direct;
    const next = cnameTarget(response, current);
    if (!next) return [];
    current = next;
  }
  return [];
}

/** How long a resolver may keep an answer: its records' TTL, or for "no such record" the SOA's negative TTL. */
function cacheTtl(response: DnsResponse, records: readonly DnsRecord[]): number | undefined {
  if (records.length > 0) return Math.min(...records.map((record) => record.ttl));
  const soa = response.authorities.find((record) => record.data.type === 'SOA');
  if (soa?.data.type !== 'SOA') return undefined;
  return Math.min(soa.ttl, soa.data.minimum);
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function outcome(
  state: Outcome['state'],
  found: string[],
  keys: string[],
  ttl: number | undefined,
  findings: DnsFinding[] = [],
): Outcome {
  return { state, found, keys: sortedUnique(keys), findings, ...(ttl === undefined ? {} : { ttl }) };
}

/** A/AAAA (or a planned CNAME, asked as A): a CNAME where an address is needed is reported by where it is. */
function evaluateAddress(record: PlannedRecord, plan: DnsRecordPlan, response: DnsResponse): Outcome {
  const askType = record.type === 'CNAME' ? 'A' : record.type;
  const target = cnameTarget(response, record.name);
  if (record.type === 'CNAME') {
    const expected = record.data[0]?.type === 'CNAME' ? normalizeName(record.data[0].value) : '';
    if (target) {
      const ttl = cacheTtl(response, recordsAt(response, record.name, 'CNAME'));
      return outcome(target === expected ? 'correct' : 'wrong', [target], [`CNAME ${target}`], ttl);
    }
    const addresses = recordsAt(response, record.name, 'A');
    const found = addresses.map((a) => `A ${presentRecordData(a.data)}`);
    return outcome(found.length ? 'wrong' : 'missing', found, found, cacheTtl(response, addresses));
  }

  const expectedKeys = sortedUnique(record.data.map(recordKey));
  if (target) {
    const findings: DnsFinding[] = [];
    if (sameName(record.name, plan.domain)) findings.push('apexCname');
    if (sameName(record.name, plan.mxHost)) findings.push('mxIsCname');
    const chain = recordsAt(response, record.name, 'CNAME');
    const finalKeys = sortedUnique(chase(response, record.name, askType).map((r) => recordKey(r.data)));
    const sameAddresses = finalKeys.join('|') === expectedKeys.join('|');
    const found = [`CNAME ${target}`];
    const state = findings.length === 0 && sameAddresses ? 'correct' : 'wrong';
    const result = outcome(state, found, [`CNAME ${target}`, ...finalKeys], cacheTtl(response, chain), findings);
    if (findings.length > 0) {
      result.fixAt = { name: record.name, type: askType, remove: found, add: record.values };
    }
    return result;
  }
  const records = recordsAt(response, record.name, askType);
  const keys = records.map((r) => recordKey(r.data));
  const found = records.map((r) => presentRecordData(r.data));
  const ttl = cacheTtl(response, records);
  if (keys.length === 0) return outcome('missing', [], [], ttl);
  return outcome(sortedUnique(keys).join('|') === expectedKeys.join('|') ? 'correct' : 'wrong', found, keys, ttl);
}

/** A CNAME at the domain itself hides every other record there (MX, TXT, CAA): say so on each of them. */
function apexCnameFindings(record: PlannedRecord, plan: DnsRecordPlan, response: DnsResponse): DnsFinding[] {
  return sameName(record.name, plan.domain) && cnameTarget(response, record.name) ? ['apexCname'] : [];
}

function evaluateMx(
  record: PlannedRecord,
  plan: DnsRecordPlan,
  response: DnsResponse,
  lookup: (name: string, type: DnsRecordType) => DnsResponse | undefined,
): Outcome {
  const records = recordsAt(response, record.name, 'MX');
  const found = records.map((r) => presentRecordData(r.data));
  // The preference only orders several MX hosts: with ours the only one, any number is right.
  const exchanges = sortedUnique(records.map((r) => (r.data.type === 'MX' ? normalizeName(r.data.exchange) : '')));
  const expected = sortedUnique(record.data.map((d) => (d.type === 'MX' ? normalizeName(d.exchange) : '')));
  const findings = apexCnameFindings(record, plan, response);
  const ttl = cacheTtl(response, records);
  if (records.length === 0) return outcome('missing', [], [], ttl, findings);
  if (exchanges.join('|') !== expected.join('|')) return outcome('wrong', found, exchanges, ttl, findings);
  const host = lookup(plan.mxHost, 'A');
  const hostTarget = host ? cnameTarget(host, plan.mxHost) : undefined;
  if (hostTarget) {
    const result = outcome('wrong', found, [...exchanges, `CNAME ${hostTarget}`], ttl, [...findings, 'mxIsCname']);
    result.fixAt = { name: plan.mxHost, type: 'A', remove: [`CNAME ${hostTarget}`], add: [plan.ipv4] };
    return result;
  }
  return outcome(findings.length ? 'wrong' : 'correct', found, exchanges, ttl, findings);
}

function evaluateExact(record: PlannedRecord, plan: DnsRecordPlan, response: DnsResponse): Outcome {
  const records = recordsAt(response, record.name, record.type);
  const keys = records.map((r) => recordKey(r.data));
  const found = records.map((r) => presentRecordData(r.data));
  const ttl = cacheTtl(response, records);
  const findings = apexCnameFindings(record, plan, response);
  if (records.length === 0) return outcome('missing', [], [], ttl, findings);
  const same = sortedUnique(keys).join('|') === sortedUnique(record.data.map(recordKey)).join('|');
  return outcome(same && findings.length === 0 ? 'correct' : 'wrong', found, keys, ttl, findings);
}

/** CAA: our CA must be among the issuers; other issuers and iodef do not hurt. */
function evaluateCaa(record: PlannedRecord, plan: DnsRecordPlan, response: DnsResponse): Outcome {
  const records = recordsAt(response, record.name, 'CAA');
  const keys = records.map((r) => recordKey(r.data));
  const found = records.map((r) => presentRecordData(r.data));
  const ttl = cacheTtl(response, records);
  if (records.length === 0) return outcome('missing', [], [], ttl, apexCnameFindings(record, plan, response));
  const issuers = new Set(
    records.flatMap((r) =>
      r.data.type === 'CAA' && r.data.tag.toLowerCase() === 'issue'
        ? [r.data.value.split(';')[0]?.trim().toLowerCase()]
        : [],
    ),
  );
  const wanted = record.data.every((d) => d.type === 'CAA' && issuers.has(d.value.toLowerCase()));
  return outcome(wanted ? 'correct' : 'wrong', found, keys, ttl);
}

/** Receivers pick the records of their kind at a name; more than one of a kind means no policy at all. */
const TXT_KINDS: Partial<
  Record<PlannedRecord['match'], { is: (text: string) => boolean; multiple?: DnsFinding; allAtName: boolean }>
> = {
  // other TXT records at the domain (site verifications) are none of SPF's business
  spf: { is: isSpf, multiple: 'spfMultiple', allAtName: false },
  dmarc: { is: isDmarc, multiple: 'dmarcMultiple', allAtName: true },
  mtaSts: { is: isMtaSts, allAtName: true },
  tlsRpt: { is: isTlsRpt, allAtName: true },
};

function evaluateTxt(record: PlannedRecord, plan: DnsRecordPlan, response: DnsResponse): Outcome {
  const records = recordsAt(response, record.name, 'TXT');
  const ttl = cacheTtl(response, records);
  const texts = records.map((r) => (r.data.type === 'TXT' ? joinTxt(r.data.strings) : ''));
  const findings = apexCnameFindings(record, plan, response);
  const expectedText = record.values[0] ?? '';

  if (record.match === 'dkim') {
    if (texts.length === 0) return outcome('missing', [], [], ttl, findings);
    const expectedKey = dkimPublicKey(expectedText) ?? '';
    if (texts.every((text) => dkimMatches(text, expectedKey))) return outcome('correct', texts, texts, ttl, findings);
    const published = texts.some((text) => dkimPublicKey(text) !== undefined);
    return outcome('wrong', texts, texts, ttl, [...findings, ...(published ? (['dkimMismatch'] as const) : [])]);
  }

  const kind = TXT_KINDS[record.match];
  const relevant = kind ? texts.filter(kind.is) : texts;
  if (relevant.length === 0) {
    // something else sits at a name that is ours alone (_dmarc, _mta-sts): wrong, not missing
    if (kind?.allAtName && texts.length > 0) return outcome('wrong', texts, texts, ttl, findings);
    return outcome('missing', [], [], ttl, findings);
  }
  if (relevant.length > 1) {
    return outcome('wrong', relevant, relevant, ttl, [...findings, ...(kind?.multiple ? [kind.multiple] : [])]);
  }
  const [text = ''] = relevant;
  let right: boolean;
  if (record.match === 'spf') right = spfAuthorizes(text, plan);
  else if (record.match === 'dmarc') right = dmarcEnforces(text);
  else if (record.match === 'mtaSts') right = mtaStsValid(text);
  else if (record.match === 'tlsRpt') right = tlsRptValid(text);
  else right = text === expectedText;
  return outcome(right && findings.length === 0 ? 'correct' : 'wrong', relevant, relevant, ttl, findings);
}

type Lookup = (name: string, type: DnsRecordType) => DnsResponse | undefined;

/** What one server's answers say about a record, or why they say nothing. */
export function observe(
  record: PlannedRecord,
  plan: DnsRecordPlan,
  server: ServerResults,
  authoritative: boolean,
): ServerObservation & { outcome?: Outcome } {
  const base = { server: server.server, ...(server.nameserver ? { nameserver: server.nameserver } : {}) };
  const query = primaryQuery(record);
  const result = server.results.get(queryKey(query.name, query.type));
  if (!result) return { ...base, state: 'error', found: [], error: 'not asked' };
  if (!result.ok) return { ...base, state: 'error', found: [], error: result.error };
  const { response } = result;
  if (response.rcode !== 'NOERROR' && response.rcode !== 'NXDOMAIN') {
    return { ...base, state: 'error', found: [], error: `answered ${response.rcode}` };
  }
  if (authoritative && !response.authoritative) {
    // a referral or a cached answer: this server is not (or no longer) authoritative for the zone
    return { ...base, state: 'error', found: [], error: 'answered without authority (lame delegation?)' };
  }
  const lookup: Lookup = (name, type) => {
    const other = server.results.get(queryKey(name, type));
    return other?.ok ? other.response : undefined;
  };
  let said: Outcome;
  if (record.type === 'A' || record.type === 'AAAA' || record.type === 'CNAME') {
    said = evaluateAddress(record, plan, response);
  } else if (record.type === 'MX') said = evaluateMx(record, plan, response, lookup);
  else if (record.type === 'CAA') said = evaluateCaa(record, plan, response);
  else if (record.type === 'TXT') said = evaluateTxt(record, plan, response);
  else said = evaluateExact(record, plan, response);
  return {
    ...base,
    state: said.state,
    found: said.found,
    ...(said.ttl === undefined ? {} : { ttl: said.ttl }),
    outcome: said,
  };
}

// ---- The verdict ------------------------------------------------------------------------------

function publicView(observation: ServerObservation & { outcome?: Outcome }): ServerObservation {
  const { outcome: _outcome, ...view } = observation;
  return view;
}

function signature(o: Outcome): string {
  return o.keys.join('|');
}

function fixFor(record: PlannedRecord, o: Outcome): RecordFix {
  if (o.fixAt) return { action: 'replace', ...o.fixAt };
  if (o.state === 'missing') return { action: 'add', name: record.name, type: record.type, add: record.values };
  if (o.state === 'correct') return { action: 'none' };
  return { action: 'replace', name: record.name, type: record.type, remove: o.found, add: record.values };
}

/**
 * The record's state: 'error' when no authoritative server answered; 'disagree' when they answer
 * differently; their (shared) verdict when it is wrong or missing; when it is correct, 'propagating' while
 * a resolver still serves an answer that differs, else 'correct'. A server that failed while others
 * answered is named in `detail` without changing the verdict: resolvers move on to the servers that work.
 */
export function checkRecord(
  record: PlannedRecord,
  plan: DnsRecordPlan,
  authoritative: readonly ServerResults[],
  resolvers: readonly ServerResults[],
): RecordCheck {
  const auth = authoritative.map((server) => observe(record, plan, server, true));
  const seen = resolvers.map((server) => observe(record, plan, server, false));
  const base = {
    id: record.id,
    name: record.name,
    host: record.host,
    type: record.type,
    required: record.required,
    purpose: record.purpose,
    expected: record.values,
    authoritative: auth.map(publicView),
    resolvers: seen.map(publicView),
  };
  const failed = auth.filter((o) => o.state === 'error');
  const failures = failed.map(
    (o) => `${o.nameserver ?? o.server.host} (${o.server.host}:${o.server.port}): ${o.error}`,
  );
  const answered = auth.flatMap((o) => (o.outcome ? [o.outcome] : []));
  const detail = failures.length ? { detail: `no usable answer from ${failures.join('; ')}` } : {};
  const [first] = answered;
  if (!first) {
    return { ...base, state: 'error', found: [], findings: [], fix: { action: 'retry' }, retryable: true, ...detail };
  }
  if (answered.some((o) => signature(o) !== signature(first))) {
    const findings = sortedUnique(answered.flatMap((o) => o.findings)) as DnsFinding[];
    return {
      ...base,
      state: 'disagree',
      found: sortedUnique(answered.flatMap((o) => o.found)),
      findings,
      fix: { action: 'alignNameservers', name: record.name, type: record.type, add: record.values },
      retryable: true,
      ...detail,
    };
  }
  const common = { ...base, found: first.found, findings: first.findings, fix: fixFor(record, first), ...detail };
  if (first.state !== 'correct') return { ...common, state: first.state, retryable: false };
  const stale = seen.filter((o) => o.outcome && signature(o.outcome) !== signature(first));
  if (stale.length === 0) return { ...common, state: 'correct', retryable: false };
  const waitSeconds = Math.max(0, ...stale.map((o) => o.ttl ?? 0));
  return {
    ...common,
    state: 'propagating',
    remainingTtlSeconds: waitSeconds,
    fix: { action: 'wait', waitSeconds },
    retryable: true,
  };
}
