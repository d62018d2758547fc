// Benchmark: a full live DNS check (every record of a plan with the optional ones, PTR with its forward
// confirmation, blocklists) against a nameserver that answers after 50 ms (the world's slow forwarder),
// in wall time and in round trips; then the very same queries one after another, measured in the same
// run, for comparison. Target: the check takes at most 4 round trips. Needs the world up (test/world/up).
// Writes bench/results/dns-check.json.
//
// Run: node_modules/.bin/tsx bench/dns-check.ts [--rounds 5] [--delay 50]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkDns } from '../common/dns/check-dns.js';
import type { DnsCheckReport } from '../common/dns/check-dns.js';
import { createDnsQuery } from '../common/dns/dns-client.js';
import type { DnsQuery, DnsRecordType, DnsServer } from '../common/dns/dns-types.js';
import type { BlocklistZone } from '../common/dns/blocklist-check.js';
import type { RecordPlanInput } from '../common/dns/record-plan.js';
import { createWorldContext } from '../test/world/context.js';
import { readWorld } from '../test/world/world.js';
import { setSlowForwarderDelay } from '../test/world/pieces/dns.js';
import type { DnsState } from '../test/world/pieces/dns.js';
import { pieceState } from '../test/world/pieces/shared/piece-state.js';
import { writeResults } from './support/bench-results.js';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '5' }, delay: { type: 'string', default: '50' } },
});
const rounds = Math.min(Math.max(Number(values.rounds) || 5, 1), 50);
const delayMs = Math.min(Math.max(Number(values.delay) || 50, 10), 2000);
const TARGET_ROUND_TRIPS = 4;

const world = readWorld();
const dns = pieceState<DnsState>(world, 'dns');
const ctx = createWorldContext(world.stateDir, 'bench');
const slow: DnsServer = { host: dns.slowForwarder.host, port: dns.slowForwarder.port };
const query = createDnsQuery();

const fixture = fs.readFileSync(
  path.join(path.dirname(fileURLToPath(import.meta.url)), '../test/world/fixtures/zones/customer.test.zone'),
  'utf8',
);
const dkimLine = fixture.split('\n').find((line) => line.startsWith('default._domainkey')) ?? '';
const dkimKey = [...dkimLine.matchAll(/"([^"]*)"/g)]
  .map((m) => m[1])
  .join('')
  .replace(/^.*p=/, '');

// customer.test with every optional record: the missing ones are looked up all the same
const plan: RecordPlanInput = {
  domain: 'customer.test',
  ipv4: '172.29.53.10',
  ipv6: '2001:db8:53::10',
  profile: 'full',
  dkim: { selector: 'default', publicKeyBase64: dkimKey },
  optional: { mtaSts: true, tlsRpt: true, srv: true, caa: 'letsencrypt.org' },
};
// a list the world serves (NXDOMAIN: clean), so blocklist lookups really cross the slow server
const lists: BlocklistZone[] = [
  {
    name: 'world list',
    zone: 'mailharbor.test',
    kind: 'ip',
    ipv6: true,
    listedAnswers: [{ first: '127.0.0.2', meaning: 'listed' }],
    errorAnswers: [],
  },
  {
    name: 'world domain list',
    zone: 'mailharbor.test',
    kind: 'domain',
    listedAnswers: [{ first: '127.0.0.2', meaning: 'listed' }],
    errorAnswers: [],
  },
];

interface Asked {
  server: DnsServer;
  name: string;
  type: DnsRecordType;
  recursionDesired: boolean;
}

function recording(asked: Asked[]): DnsQuery {
  return (server, name, type, options) => {
    asked.push({ server, name, type, recursionDesired: options.recursionDesired });
    return query(server, name, type, options);
  };
}

async function fullCheck(): Promise<{ ms: number; asked: Asked[]; report: DnsCheckReport }> {
  const asked: Asked[] = [];
  const started = performance.now();
  const report = await checkDns(
    { plan, nameservers: [slow], resolvers: [slow], blocklists: lists, timeoutMs: 5000 },
    { query: recording(asked) },
  );
  return { ms: performance.now() - started, asked, report };
}

async function oneAfterAnother(asked: readonly Asked[]): Promise<number> {
  const started = performance.now();
  for (const q of asked) {
    await query(q.server, q.name, q.type, { recursionDesired: q.recursionDesired, timeoutMs: 5000 });
  }
  return performance.now() - started;
}

async function roundTrip(): Promise<number> {
  const started = performance.now();
  await query(slow, 'customer.test', 'A', { recursionDesired: false, timeoutMs: 5000 });
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

let previousDelay = dns.slowForwarder.delayMs;
try {
  previousDelay = (JSON.parse(fs.readFileSync(dns.slowForwarder.settingsFile, 'utf8')) as { delayMs: number }).delayMs;
} catch {
  // keep world.json's value
}

setSlowForwarderDelay(ctx, delayMs);
const parallel: number[] = [];
const sequential: number[] = [];
const trips: number[] = [];
let queries = 0;
let lastReport: DnsCheckReport | undefined;
try {
  await fullCheck(); // warm-up (module loading, first sockets)
  for (let round = 0; round < rounds; round++) {
    trips.push(await roundTrip());
    const run = await fullCheck();
    parallel.push(run.ms);
    queries = run.asked.length;
    lastReport = run.report;
    sequential.push(await oneAfterAnother(run.asked));
  }
} finally {
  setSlowForwarderDelay(ctx, previousDelay);
}

const rtt = median(trips);
const parallelMs = median(parallel);
const sequentialMs = median(sequential);
const inRoundTrips = parallelMs / rtt;
const met = inRoundTrips <= TARGET_ROUND_TRIPS;
const states = lastReport ? lastReport.summary.counts : undefined;

console.log(`nameserver answering after ${delayMs} ms (slow forwarder ${slow.host}:${slow.port}), ${rounds} rounds`);
console.log(`one round trip:              median ${rtt.toFixed(0)} ms`);
console.log(
  `full check, all at once:     median ${parallelMs.toFixed(0)} ms for ${queries} queries ` +
    `(${lastReport?.records.length ?? 0} records, ${lastReport?.ptr.length ?? 0} PTR, ${lastReport?.blocklists.length ?? 0} blocklist lookups)`,
);
console.log(`same queries one by one:     median ${sequentialMs.toFixed(0)} ms`);
console.log(`ratio one-by-one / at once:  ${(sequentialMs / parallelMs).toFixed(1)}`);
console.log(
  `full check in round trips:   ${inRoundTrips.toFixed(2)} (target at most ${TARGET_ROUND_TRIPS}: ${met ? 'met' : 'NOT met'})`,
);
console.log(`record states: ${JSON.stringify(states)}`);

const out = writeResults('dns-check', {
  delayMs,
  rounds,
  queries,
  roundTripMs: rtt,
  parallelMs,
  sequentialMs,
  ratio: sequentialMs / parallelMs,
  roundTrips: inRoundTrips,
  target: TARGET_ROUND_TRIPS,
  met,
});
console.log(`written ${out}`);
if (!met) process.exitCode = 1;
