// Before the app tells a waiting manual-DNS install to go on, it looks the TXT records up at the
// domain's authoritative nameservers (found through the world's knot as the resolver, asked without
// recursion): records that are not there yet are named, and the install is not told to go on.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsQuery } from '../../common/dns/dns-client.js';
import { unpublishedChallengeRecords } from '../../electron/services/setup/dns-challenge-check.js';
import { createWorldContext } from '../world/context.js';
import { resetZone, writeZone, type DnsState } from '../world/pieces/dns.js';
import { fixtureZonePath } from '../world/pieces/dns/dns-layout.js';
import { pieceState } from '../world/pieces/shared/piece-state.js';
import { worldForTests } from '../world/world-inject.js';

const world = worldForTests();
const dns = pieceState<DnsState>(world, 'dns');
const ctx = createWorldContext(world.stateDir, 'dns-challenge-check.test');
const name = `_acme-challenge.mc${process.pid}.scratch.test`;
const environment = { resolvers: [{ host: dns.loopback.host, port: dns.loopback.port }] };

beforeAll(async () => {
  const fixture = readFileSync(fixtureZonePath('scratch.test'), 'utf8');
  await writeZone(ctx, 'scratch.test', `${fixture}${name}. 60 TXT "published-value"\n`);
});

afterAll(async () => {
  await resetZone(ctx, 'scratch.test');
});

describe('the manual DNS challenge check', () => {
  it('names exactly the records the authoritative servers do not serve yet', async () => {
    const records = [
      { name, value: 'published-value' },
      { name, value: 'second-value-not-added' },
      { name: `_acme-challenge.nothing${process.pid}.scratch.test`, value: 'x' },
    ];
    const missing = await unpublishedChallengeRecords(records, environment, createDnsQuery());
    expect(missing).toEqual(records.slice(1));
  });

  it('counts a domain whose nameservers cannot be found as not visible', async () => {
    const missing = await unpublishedChallengeRecords(
      [{ name: '_acme-challenge.example.invalid', value: 'x' }],
      { resolvers: [{ host: '127.0.0.1', port: 9 }] },
      createDnsQuery(),
    );
    expect(missing).toHaveLength(1);
  });
});
