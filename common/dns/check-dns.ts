/**
 * The whole live DNS check, shared by the DNS page (app), the agent and `mailharbor check dns`: every
 * record of the plan asked of every authoritative server and every resolver at the same time, with the
 * PTR and blocklist checks running alongside, so the check takes a few round trips however many records
 * there are.
 */
import { checkBlocklists as defaultCheckBlocklists } from './blocklist-check.js';
import type { BlocklistResult, BlocklistZone } from './blocklist-check.js';
import { checkPtr as defaultCheckPtr } from './ptr-check.js';
import type { PtrResult } from './ptr-check.js';
import { discoverAuthority, explicitAuthority, PUBLIC_RESOLVERS } from './authoritative.js';
import type { AuthoritativeServer, ZoneAuthority } from './authoritative.js';
import { buildRecordPlan } from './record-plan.js';
import type { DnsRecordPlan, RecordPlanInput } from './record-plan.js';
import { checkRecord, queriesFor, queryKey } from './record-check.js';
import type { PlannedQuery, QueryResult, RecordCheck, RecordState, ServerResults } from './record-check.js';
import type { DnsQuery, DnsServer } from './dns-types.js';

export const DEFAULT_DNS_TIMEOUT_MS = 5_000;

export interface CheckDnsInput {
  plan: RecordPlanInput;
  /** Authoritative servers to ask instead of discovering them (`--nameserver`). */
  nameservers?: DnsServer[];
  /** Resolvers for discovery, propagation, PTR and blocklists; default PUBLIC_RESOLVERS. */
  resolvers?: DnsServer[];
  /** Per lookup, UDP retransmission and TCP fallback included. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Blocklist zones to ask instead of the colleague module's defaults. */
  blocklists?: BlocklistZone[];
}

export interface CheckDnsDeps {
  query: DnsQuery;
  checkPtr?: typeof defaultCheckPtr;
  checkBlocklists?: typeof defaultCheckBlocklists;
}

export interface AuthorityReport {
  state: 'found' | 'error';
  zone?: string;
  source?: ZoneAuthority['source'];
  nameservers: string[];
  servers: AuthoritativeServer[];
  error?: string;
}

export interface DnsCheckSummary {
  /** Every required record is correct (propagating is not yet correct). The command's exit code. */
  allRequiredCorrect: boolean;
  counts: Record<RecordState, number>;
  /** Every server address has a forward-confirmed PTR naming the mail host. */
  ptrCorrect: boolean;
  /** Lists that name one of the addresses or the domain. */
  listed: number;
}

export interface DnsCheckReport {
  domain: string;
  mxHost: string;
  checkedAt: string;
  elapsedMs: number;
  authority: AuthorityReport;
  resolvers: DnsServer[];
  records: RecordCheck[];
  ptr: PtrResult[];
  blocklists: BlocklistResult[];
  summary: DnsCheckSummary;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Every planned question to one server at once; failures become results, never exceptions. */
async function askAll(
  query: DnsQuery,
  server: DnsServer,
  questions: readonly PlannedQuery[],
  recursionDesired: boolean,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Map<string, QueryResult>> {
  const entries = await Promise.all(
    questions.map(async (q): Promise<[string, QueryResult]> => {
      try {
        const response = await query(server, q.name, q.type, { recursionDesired, timeoutMs, signal });
        return [queryKey(q.name, q.type), { ok: true, response }];
      } catch (error) {
        return [queryKey(q.name, q.type), { ok: false, error: message(error) }];
      }
    }),
  );
  return new Map(entries);
}

async function authorityFor(
  plan: DnsRecordPlan,
  input: CheckDnsInput,
  deps: CheckDnsDeps,
  resolvers: DnsServer[],
  timeoutMs: number,
): Promise<{ authority?: ZoneAuthority; error?: string }> {
  if (input.nameservers && input.nameservers.length > 0) {
    return { authority: explicitAuthority(plan.domain, input.nameservers) };
  }
  try {
    const authority = await discoverAuthority(plan.domain, {
      query: deps.query,
      resolvers,
      timeoutMs,
      ...(input.signal ? { signal: input.signal } : {}),
    });
    return { authority };
  } catch (error) {
    return { error: message(error) };
  }
}

function countStates(records: readonly RecordCheck[]): Record<RecordState, number> {
  const counts: Record<RecordState, number> = {
    correct: 0,
    propagating: 0,
    disagree: 0,
    wrong: 0,
    missing: 0,
    error: 0,
  };
  for (const record of records) counts[record.state] += 1;
  return counts;
}

async function runPtr(
  plan: DnsRecordPlan,
  input: CheckDnsInput,
  deps: CheckDnsDeps,
  resolvers: DnsServer[],
  timeoutMs: number,
) {
  const addresses = plan.ptr.map((p) => p.address);
  try {
    return await (deps.checkPtr ?? defaultCheckPtr)({
      addresses,
      expectedName: plan.mxHost,
      query: deps.query,
      resolvers,
      timeoutMs,
      ...(input.signal ? { signal: input.signal } : {}),
    });
  } catch (error) {
    return addresses.map((address): PtrResult => ({ address, state: 'error', found: [], detail: message(error) }));
  }
}

async function runBlocklists(
  plan: DnsRecordPlan,
  input: CheckDnsInput,
  deps: CheckDnsDeps,
  resolvers: DnsServer[],
  timeoutMs: number,
) {
  const addresses = plan.ptr.map((p) => p.address);
  try {
    return await (deps.checkBlocklists ?? defaultCheckBlocklists)({
      addresses,
      domain: plan.domain,
      query: deps.query,
      resolvers,
      timeoutMs,
      ...(input.blocklists ? { lists: input.blocklists } : {}),
      ...(input.signal ? { signal: input.signal } : {}),
    });
  } catch (error) {
    return [{ list: 'all', target: plan.domain, state: 'error', detail: message(error) } satisfies BlocklistResult];
  }
}

/**
 * Checks a plan live. Throws only for input that is not a plan (stack.invalidOptions naming the field);
 * everything the network does wrong ends up in the report as 'error' states to retry.
 */
export async function checkDns(input: CheckDnsInput, deps: CheckDnsDeps): Promise<DnsCheckReport> {
  const started = Date.now();
  const plan = buildRecordPlan(input.plan);
  const resolvers = [...(input.resolvers ?? PUBLIC_RESOLVERS)];
  const timeoutMs = input.timeoutMs ?? DEFAULT_DNS_TIMEOUT_MS;
  const questions = queriesFor(plan);

  // Nothing below waits for anything it does not need: the resolvers' view, PTR and blocklists start
  // now; only the authoritative questions wait for the nameservers to be known.
  const resolverViews = Promise.all(
    resolvers.map(async (server): Promise<ServerResults> => ({
      server,
      results: await askAll(deps.query, server, questions, true, timeoutMs, input.signal),
    })),
  );
  const ptr = runPtr(plan, input, deps, resolvers, timeoutMs);
  const blocklists = runBlocklists(plan, input, deps, resolvers, timeoutMs);
  const authoritativeViews = authorityFor(plan, input, deps, resolvers, timeoutMs).then(async (found) => ({
    ...found,
    views: await Promise.all(
      (found.authority?.servers ?? []).map(async ({ nameserver, server }): Promise<ServerResults> => ({
        server,
        nameserver,
        results: await askAll(deps.query, server, questions, false, timeoutMs, input.signal),
      })),
    ),
  }));

  const [seen, auth, ptrResults, blocklistResults] = await Promise.all([
    resolverViews,
    authoritativeViews,
    ptr,
    blocklists,
  ]);
  const records = plan.records.map((record) => {
    const check = checkRecord(record, plan, auth.views, seen);
    if (auth.error) check.detail = `nameservers not found: ${auth.error}`;
    return check;
  });
  const counts = countStates(records);
  return {
    domain: plan.domain,
    mxHost: plan.mxHost,
    checkedAt: new Date(started).toISOString(),
    elapsedMs: Date.now() - started,
    authority: auth.authority
      ? {
          state: 'found',
          zone: auth.authority.zone,
          source: auth.authority.source,
          nameservers: auth.authority.nameservers,
          servers: auth.authority.servers,
        }
      : { state: 'error', nameservers: [], servers: [], error: auth.error ?? 'unknown' },
    resolvers,
    records,
    ptr: ptrResults,
    blocklists: blocklistResults,
    summary: {
      allRequiredCorrect: records.every((record) => !record.required || record.state === 'correct'),
      counts,
      ptrCorrect: ptrResults.length > 0 && ptrResults.every((result) => result.state === 'correct'),
      listed: blocklistResults.filter((result) => result.state === 'listed').length,
    },
  };
}
