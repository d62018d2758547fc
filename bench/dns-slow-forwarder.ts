// DNS latency in the test world: knot asked directly, then through the slow forwarder at a few delays.
// A baseline for later benchmarks of the app's DNS checks against a slow nameserver (timeouts, parallel
// lookups). Needs the world up (test/world/up). Writes bench/results/dns-slow-forwarder.json.
//
// Run: node_modules/.bin/tsx bench/dns-slow-forwarder.ts [--queries 50]
import { parseArgs } from 'node:util';
import { createWorldContext } from '../test/world/context.js';
import { readWorld } from '../test/world/world.js';
import { setSlowForwarderDelay } from '../test/world/pieces/dns.js';
import type { DnsState } from '../test/world/pieces/dns.js';
import { queryDns } from '../test/world/pieces/dns/dns-query.js';
import { pieceState } from '../test/world/pieces/shared/piece-state.js';
import { writeResults } from './support/bench-results.js';

const { values } = parseArgs({ options: { queries: { type: 'string', default: '50' } } });
const queries = Math.min(Math.max(Number(values.queries) || 50, 1), 1000);
const world = readWorld();
const dns = pieceState<DnsState>(world, 'dns');
const ctx = createWorldContext(world.stateDir, 'bench');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(server: string, port: number, concurrency: number) {
  const times: number[] = [];
  const names = ['vps1.mailharbor.test', 'customer.test', 'default._domainkey.customer.test', 'mx.customer.test'];
  const types = ['A', 'MX', 'TXT', 'AAAA'] as const;
  for (let i = 0; i < queries; i += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, queries - i) }, (_, j) =>
      queryDns({
        server,
        port,
        name: names[(i + j) % 4] ?? 'customer.test',
        type: types[(i + j) % 4] ?? 'A',
        timeoutMs: 10_000,
      }),
    );
    for (const answer of await Promise.all(batch)) {
      if (answer.rcode !== 'NOERROR') throw new Error(`unexpected ${answer.rcode}`);
      times.push(answer.elapsedMs);
    }
  }
  times.sort((a, b) => a - b);
  return { queries: times.length, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) ?? NaN };
}

const results: Record<string, unknown> = {};
results['knot direct (udp, sequential)'] = await measure(dns.loopback.host, dns.loopback.port, 1);
results['knot direct (udp, 10 parallel)'] = await measure(dns.loopback.host, dns.loopback.port, 10);
const previousDelay = dns.slowForwarder.delayMs;
try {
  for (const delayMs of [0, 250, 1000]) {
    setSlowForwarderDelay(ctx, delayMs);
    results[`forwarder delay ${delayMs} ms (10 parallel)`] = await measure(
      dns.slowForwarder.host,
      dns.slowForwarder.port,
      10,
    );
  }
} finally {
  setSlowForwarderDelay(ctx, previousDelay);
}

console.table(results);
const out = writeResults('dns-slow-forwarder', { queries, results });
console.log(`written ${out}`);
