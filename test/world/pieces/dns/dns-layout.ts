// Where the DNS piece keeps its files and which ports it uses. Shared by the piece, its helpers and tests.
import path from 'node:path';
import type { WorldContext } from '../../context.js';
import { REPO_ROOT } from '../shared/node-daemon.js';

/** knot on loopback for host-side tests; 53 on the gateway so containers and pebble resolve normally. */
export const KNOT_LOOPBACK_PORT = 5353;
export const KNOT_GATEWAY_PORT = 53;
/** The slow forwarder, loopback only (benchmarks run on the host). */
export const SLOW_FORWARDER_PORT = 5354;
export const SLOW_FORWARDER_DEFAULT_DELAY_MS = 1000;

export const KNOT_DAEMON = 'knot';
export const SLOW_FORWARDER_DAEMON = 'dns-slow-forwarder';

/** The zones the world serves, each loaded from test/world/fixtures/zones/<zone>.zone on a fresh `up`. */
export const WORLD_ZONES = [
  'mailharbor.test',
  'customer.test',
  /** rewritten by tests (writeZone/resetZone); the other zones stay as their fixtures */
  'scratch.test',
  '53.29.172.in-addr.arpa',
  '8.b.d.0.1.0.0.2.ip6.arpa',
] as const;

/** TSIG key name for RFC 2136 updates of _acme-challenge TXT records (DNS-01). */
export const ACME_UPDATE_KEY_NAME = 'world-acme-update';

export function dnsDir(ctx: WorldContext): string {
  return path.join(ctx.stateDir, 'dns');
}

export function dnsPaths(ctx: WorldContext) {
  const dir = dnsDir(ctx);
  return {
    dir,
    config: path.join(dir, 'knot.conf'),
    zonesDir: path.join(dir, 'zones'),
    databaseDir: path.join(dir, 'db'),
    runDir: path.join(dir, 'run'),
    controlSocket: path.join(dir, 'run', 'knot.sock'),
    tsigFile: path.join(dir, 'tsig-acme-update.json'),
    forwarderSettings: path.join(dir, 'slow-forwarder.json'),
  };
}

export function zoneFilePath(ctx: WorldContext, zone: string): string {
  return path.join(dnsPaths(ctx).zonesDir, `${zone}.zone`);
}

export function fixtureZonePath(zone: string): string {
  return path.join(REPO_ROOT, 'test', 'world', 'fixtures', 'zones', `${zone}.zone`);
}
