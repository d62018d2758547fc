// The world's authoritative DNS: Debian's knotd serving the test zones (forward, IPv4 and IPv6 reverse) on
// 127.0.0.1:5353 for host-side tests and on the gateway's port 53 for VPS containers and pebble, plus a
// slow forwarder on loopback that plays a sluggish nameserver in benchmarks.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { WorldContext } from '../context.js';
import { listenAddresses, LOOPBACK } from './shared/listen-addresses.js';
import { requireProgram } from './shared/require-program.js';
import { withFileLock } from './shared/file-lock.js';
import { tcpPortOpen } from './shared/tcp-port-open.js';
import { waitUntilServing } from './shared/wait-until-serving.js';
import { pieceScript, startTsxDaemon, stopTsxDaemon } from './shared/node-daemon.js';
import {
  ACME_UPDATE_KEY_NAME,
  dnsPaths,
  fixtureZonePath,
  KNOT_DAEMON,
  KNOT_GATEWAY_PORT,
  KNOT_LOOPBACK_PORT,
  SLOW_FORWARDER_DAEMON,
  SLOW_FORWARDER_DEFAULT_DELAY_MS,
  SLOW_FORWARDER_PORT,
  WORLD_ZONES,
  zoneFilePath,
} from './dns/dns-layout.js';
import { renderKnotConfig } from './dns/knot-config.js';
import { checkZoneText, knotAnswersControl, reloadZoneFile, servedSerial } from './dns/knot-control.js';
import { queryDns } from './dns/dns-query.js';
import { nextSerial, renderRecords, renderZoneText } from './dns/zone-file.js';
import type { ZoneRecord } from './dns/zone-file.js';

export type { ZoneRecord } from './dns/zone-file.js';
export { WORLD_ZONES } from './dns/dns-layout.js';

const KNOTD = '/usr/sbin/knotd';
const KNOTC = '/usr/sbin/knotc';

export interface DnsEndpoint {
  host: string;
  port: number;
}

export interface DnsState extends Record<string, unknown> {
  /** knot for host-side tests. */
  loopback: DnsEndpoint;
  /** knot for VPS containers and pebble (172.29.53.1:53); null only in loopback-only development mode. */
  gateway: DnsEndpoint | null;
  /** Name of the world's nameserver, as in every zone's NS record. */
  nameserver: string;
  zones: string[];
  /** TSIG key that may add/delete TXT records (RFC 2136) from loopback and the world subnet. */
  tsig: TsigKey;
  /** Where RFC 2136 updates go: the gateway endpoint (or loopback in loopback-only mode). */
  updateServer: DnsEndpoint;
  slowForwarder: DnsEndpoint & { delayMs: number; settingsFile: string };
}

export interface TsigKey {
  name: string;
  algorithm: 'hmac-sha256';
  /** base64 */
  secret: string;
}

function ensureTsigKey(ctx: WorldContext): TsigKey {
  const file = dnsPaths(ctx).tsigFile;
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as TsigKey;
  const key: TsigKey = {
    name: ACME_UPDATE_KEY_NAME,
    algorithm: 'hmac-sha256',
    secret: crypto.randomBytes(32).toString('base64'),
  };
  fs.writeFileSync(file, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });
  return key;
}

function writeFileIfChanged(file: string, text: string): boolean {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return false;
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
  return true;
}

function readForwarderDelay(ctx: WorldContext): number {
  try {
    const parsed = JSON.parse(fs.readFileSync(dnsPaths(ctx).forwarderSettings, 'utf8')) as { delayMs?: number };
    return parsed.delayMs ?? SLOW_FORWARDER_DEFAULT_DELAY_MS;
  } catch {
    return SLOW_FORWARDER_DEFAULT_DELAY_MS;
  }
}

/** Changes the slow forwarder's delay; it applies from the next query on (no restart). */
export function setSlowForwarderDelay(ctx: WorldContext, delayMs: number): void {
  if (!Number.isFinite(delayMs) || delayMs < 0 || delayMs > 60_000) throw new Error(`delay out of range: ${delayMs}`);
  const file = dnsPaths(ctx).forwarderSettings;
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify({ delayMs })}\n`);
  fs.renameSync(tmp, file); // a new inode each time: the forwarder notices even two writes in one millisecond
}

async function knotServesAllZones(ctx: WorldContext, endpoints: DnsEndpoint[]): Promise<boolean> {
  for (const endpoint of endpoints) {
    for (const zone of WORLD_ZONES) {
      const answer = await queryDns({
        server: endpoint.host,
        port: endpoint.port,
        name: zone,
        type: 'SOA',
        timeoutMs: 1000,
      });
      if (answer.rcode !== 'NOERROR' || !answer.authoritative || answer.answers.length !== 1) return false;
    }
  }
  return true;
}

function writeFixtureZones(ctx: WorldContext): void {
  const serial = nextSerial(undefined);
  for (const zone of WORLD_ZONES) {
    const text = fs.readFileSync(fixtureZonePath(zone), 'utf8');
    writeFileIfChanged(zoneFilePath(ctx, zone), renderZoneText(zone, text, serial));
  }
}

export async function up(ctx: WorldContext): Promise<DnsState> {
  requireProgram(KNOTD, 'knot');
  requireProgram(KNOTC, 'knot');
  const addrs = listenAddresses(ctx);
  const paths = dnsPaths(ctx);
  for (const dir of [paths.dir, paths.zonesDir, paths.databaseDir, paths.runDir])
    fs.mkdirSync(dir, { recursive: true });
  const tsig = ensureTsigKey(ctx);

  const loopback: DnsEndpoint = { host: LOOPBACK, port: KNOT_LOOPBACK_PORT };
  const gateway: DnsEndpoint | null = addrs.gateway ? { host: addrs.gateway, port: KNOT_GATEWAY_PORT } : null;
  const endpoints = gateway ? [loopback, gateway] : [loopback];
  const config = renderKnotConfig({
    runDir: paths.runDir,
    databaseDir: paths.databaseDir,
    zonesDir: paths.zonesDir,
    listen: endpoints.map((e) => `${e.host}@${e.port}`),
    zones: WORLD_ZONES,
    updatableZones: ['mailharbor.test', 'customer.test', 'scratch.test'],
    tsig,
    updateFrom: ['127.0.0.0/8', ctx.subnet],
  });
  const configChanged = writeFileIfChanged(paths.config, config);

  if (ctx.daemonRunning(KNOT_DAEMON) !== undefined && configChanged) {
    // listen addresses only change with a restart; zones on disk are kept
    ctx.log('knot configuration changed: restarting knotd');
    await ctx.stopDaemon(KNOT_DAEMON);
  }
  if (ctx.daemonRunning(KNOT_DAEMON) === undefined) {
    // a fresh knot starts from the fixtures: zones rewritten by earlier tests do not leak into this world
    writeFixtureZones(ctx);
    fs.rmSync(paths.controlSocket, { force: true });
  }
  const knot = await ctx.startDaemon(KNOT_DAEMON, KNOTD, ['-c', paths.config]);
  if (knot.started)
    ctx.log(`knotd started (pid ${knot.pid}) on ${endpoints.map((e) => `${e.host}:${e.port}`).join(' and ')}`);
  await waitUntilServing(
    ctx,
    knot,
    async () => (await knotAnswersControl(ctx)) && knotServesAllZones(ctx, endpoints),
    `knot serving ${WORLD_ZONES.length} zones`,
  );

  if (!fs.existsSync(paths.forwarderSettings)) setSlowForwarderDelay(ctx, SLOW_FORWARDER_DEFAULT_DELAY_MS);
  const forwarder = await startTsxDaemon(ctx, SLOW_FORWARDER_DAEMON, pieceScript('dns/slow-forwarder.ts'), [
    '--port',
    String(SLOW_FORWARDER_PORT),
    '--upstream-port',
    String(KNOT_LOOPBACK_PORT),
    '--settings',
    paths.forwarderSettings,
  ]);
  const delayMs = readForwarderDelay(ctx);
  // a TCP connect is enough here: answering after the delay is what the smoke test proves, and waiting
  // out the delay on every warm `up` would only slow the world down
  await waitUntilServing(
    ctx,
    forwarder,
    () => tcpPortOpen(LOOPBACK, SLOW_FORWARDER_PORT),
    `slow forwarder on ${LOOPBACK}:${SLOW_FORWARDER_PORT}`,
  );

  return {
    loopback,
    gateway,
    nameserver: 'ns1.mailharbor.test',
    zones: [...WORLD_ZONES],
    tsig,
    updateServer: gateway ?? loopback,
    slowForwarder: { host: LOOPBACK, port: SLOW_FORWARDER_PORT, delayMs, settingsFile: paths.forwarderSettings },
  };
}

export async function down(ctx: WorldContext): Promise<void> {
  await stopTsxDaemon(ctx, SLOW_FORWARDER_DAEMON);
  await ctx.stopDaemon(KNOT_DAEMON);
  // zones, knot's timer database and the control socket: nothing of a stopped world is worth keeping
  fs.rmSync(dnsPaths(ctx).dir, { recursive: true, force: true });
}

export async function status(ctx: WorldContext): Promise<string> {
  const lines: string[] = [];
  const knotPid = ctx.daemonRunning(KNOT_DAEMON);
  if (knotPid === undefined) {
    lines.push('dns: knot not running');
  } else {
    const serials = await Promise.all(
      WORLD_ZONES.map(async (z) => `${z}@${(await servedSerial(ctx, z)) ?? 'not loaded'}`),
    );
    const listen = /^\s*listen: \[(.*)\]$/m.exec(fs.readFileSync(dnsPaths(ctx).config, 'utf8'))?.[1] ?? '?';
    lines.push(`dns: knot pid ${knotPid}, listening ${listen.replace(/"/g, '')}; zones ${serials.join(', ')}`);
  }
  const forwarderPid = ctx.daemonRunning(SLOW_FORWARDER_DAEMON);
  lines.push(
    forwarderPid === undefined
      ? 'dns: slow forwarder not running'
      : `dns: slow forwarder pid ${forwarderPid}, ${LOOPBACK}:${SLOW_FORWARDER_PORT}, delay ${readForwarderDelay(ctx)} ms`,
  );
  return lines.join('\n');
}

function checkZoneName(zone: string): void {
  if (!(WORLD_ZONES as readonly string[]).includes(zone)) {
    throw new Error(`${zone} is not a world zone (${WORLD_ZONES.join(', ')}); add it to dns-layout.ts and a fixture`);
  }
}

/**
 * Replaces a zone and makes knot serve it: records (rendered with the world's SOA and NS) or zone text (with
 * SERIAL_TOKEN as the SOA serial, or no SOA). Returns the new serial, already served when this resolves.
 * A zone knot refuses to load is not installed: the old one stays and this throws knot's reason.
 */
export async function writeZone(
  ctx: WorldContext,
  zone: string,
  content: readonly ZoneRecord[] | string,
): Promise<number> {
  checkZoneName(zone);
  // one writer per zone at a time, across processes: serials must rise and reloads must not interleave
  return withFileLock(path.join(dnsPaths(ctx).runDir, `write-${zone}.lock`), 30_000, async () => {
    const serial = nextSerial(await servedSerial(ctx, zone));
    const text =
      typeof content === 'string' ? renderZoneText(zone, content, serial) : renderRecords(zone, content, serial);
    await checkZoneText(ctx, zone, text);
    writeFileIfChanged(zoneFilePath(ctx, zone), text);
    await reloadZone(ctx, zone, serial);
    return serial;
  });
}

/** Puts a zone back to its fixture (tests that rewrote a zone call this when done). */
export async function resetZone(ctx: WorldContext, zone: string): Promise<number> {
  checkZoneName(zone);
  return writeZone(ctx, zone, fs.readFileSync(fixtureZonePath(zone), 'utf8'));
}

/**
 * Reloads a zone from its file and waits until knot serves `expectSerial` (or any serial when omitted).
 * writeZone calls this; use it directly after editing the file under <stateDir>/dns/zones yourself.
 */
export async function reloadZone(ctx: WorldContext, zone: string, expectSerial?: number): Promise<void> {
  checkZoneName(zone);
  await reloadZoneFile(ctx, zone);
  await ctx.waitFor(
    async () => {
      const served = await servedSerial(ctx, zone);
      return expectSerial === undefined ? served !== undefined : served === expectSerial;
    },
    { timeoutMs: 10_000, intervalMs: 100, what: `knot serving ${zone} serial ${expectSerial ?? '(any)'}` },
  );
}

/** The zone file knot loads for `zone` (for tests that edit it by hand, then call reloadZone). */
export function zoneFile(ctx: WorldContext, zone: string): string {
  checkZoneName(zone);
  return path.resolve(zoneFilePath(ctx, zone));
}
