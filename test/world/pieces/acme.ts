// The world's ACME server: Debian's pebble on the gateway (https://172.29.53.1:14000/dir), its API TLS
// certificate from the world CA, validating HTTP-01 on port 80 and TLS-ALPN-01 on 443 at whatever address
// the world's knot gives for a name, so certbot inside a VPS gets certificates like on a real server.
// pebble binds one address; the gateway is a host interface, so host-side tests reach it there too.
import fs from 'node:fs';
import type { WorldContext } from '../context.js';
import { issueCert } from '../ca.js';
import { listenAddresses, primaryAddress } from './shared/listen-addresses.js';
import { httpsGetText } from './shared/https-get.js';
import { requireProgram } from './shared/require-program.js';
import { fingerprintFiles, forgetInputs, recordInputs, stopIfInputsChanged } from './shared/daemon-inputs.js';
import { waitUntilServing } from './shared/wait-until-serving.js';
import {
  acmePaths,
  DNS01_AUTH_HOOK,
  DNS01_CLEANUP_HOOK,
  HTTP01_PORT,
  PEBBLE_ACME_PORT,
  PEBBLE_DAEMON,
  PEBBLE_MANAGEMENT_PORT,
  TLSALPN01_PORT,
} from './acme/acme-layout.js';
import { KNOT_GATEWAY_PORT, KNOT_LOOPBACK_PORT } from './dns/dns-layout.js';

const PEBBLE = '/usr/bin/pebble';

export interface AcmeState extends Record<string, unknown> {
  /** ACME directory URL for clients (certbot --server, the app's ACME client). */
  directoryUrl: string;
  /** CA file that verifies pebble's own HTTPS (API and management): the world CA. */
  apiCaBundle: string;
  /** pebble's management API: GET /roots/0 and /intermediates/0 return its current issuing chain. */
  managementUrl: string;
  rootsUrl: string;
  /**
   * pebble's issuing root as fetched by this `up` (it is made anew on every pebble start; call
   * fetchIssuingRoot after restarting pebble). Issued chains verify against this file.
   */
  issuingRootPath: string;
  issuingIntermediatePath: string;
  /** Where pebble connects to validate: HTTP-01 on 80, TLS-ALPN-01 on 443, names resolved by this server. */
  validation: { httpPort: number; tlsAlpnPort: number; dnsServer: string };
  /** certbot --manual hooks for DNS-01 (copy them into the VPS; they need knsupdate and WORLD_* env). */
  dns01Hooks: { auth: string; cleanup: string };
}

function pebbleEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PEBBLE_VA_NOSLEEP: '1', // no random 0-15 s validation delay
    PEBBLE_WFE_NONCEREJECT: '0', // pebble otherwise rejects 5% of good nonces to exercise client retries
    PEBBLE_AUTHZREUSE: '0', // every order validates again, so a DNS-01 test cannot ride on an HTTP-01 authz
  };
}

/** Saves pebble's current issuing root and intermediate next to its config and returns their paths. */
export async function fetchIssuingRoot(
  ctx: WorldContext,
  managementUrl: string,
): Promise<{ root: string; intermediate: string }> {
  const paths = acmePaths(ctx);
  for (const [url, file] of [
    [`${managementUrl}/roots/0`, paths.issuingRoot],
    [`${managementUrl}/intermediates/0`, paths.issuingIntermediate],
  ] as const) {
    const r = await httpsGetText(url, ctx.ca.certPath);
    if (r.status !== 200 || !r.body.includes('BEGIN CERTIFICATE'))
      throw new Error(`GET ${url}: ${r.status} ${r.body.slice(0, 200)}`);
    fs.writeFileSync(file, r.body);
  }
  return { root: paths.issuingRoot, intermediate: paths.issuingIntermediate };
}

export async function up(ctx: WorldContext): Promise<AcmeState> {
  requireProgram(PEBBLE, 'pebble');
  const addrs = listenAddresses(ctx);
  const address = primaryAddress(addrs);
  const dnsServer = addrs.gateway ? `${addrs.gateway}:${KNOT_GATEWAY_PORT}` : `${addrs.loopback}:${KNOT_LOOPBACK_PORT}`;
  const paths = acmePaths(ctx);
  fs.mkdirSync(paths.dir, { recursive: true });

  const tls = await issueCert(
    ctx.stateDir,
    'pebble',
    ['localhost', 'acme.mailharbor.test'],
    addrs.gateway ? [addrs.gateway, addrs.loopback] : [addrs.loopback],
  );
  const config = {
    pebble: {
      listenAddress: `${address}:${PEBBLE_ACME_PORT}`,
      managementListenAddress: `${address}:${PEBBLE_MANAGEMENT_PORT}`,
      certificate: tls.fullchainPath,
      privateKey: tls.keyPath,
      httpPort: HTTP01_PORT,
      tlsPort: TLSALPN01_PORT,
      ocspResponderURL: '',
      externalAccountBindingRequired: false,
    },
  };
  fs.writeFileSync(paths.config, `${JSON.stringify(config, null, 2)}\n`);
  // pebble reads its config and certificate once: a change to either needs a restart
  const inputs = fingerprintFiles([paths.config, tls.fullchainPath, tls.keyPath]);
  await stopIfInputsChanged(ctx, PEBBLE_DAEMON, inputs);
  const pebble = await ctx.startDaemon(PEBBLE_DAEMON, PEBBLE, ['-config', paths.config, '-dnsserver', dnsServer], {
    env: pebbleEnv(),
  });
  recordInputs(ctx, PEBBLE_DAEMON, inputs);
  if (pebble.started)
    ctx.log(`pebble started (pid ${pebble.pid}) on ${address}:${PEBBLE_ACME_PORT}, resolving via ${dnsServer}`);

  const directoryUrl = `https://${address}:${PEBBLE_ACME_PORT}/dir`;
  const managementUrl = `https://${address}:${PEBBLE_MANAGEMENT_PORT}`;
  await waitUntilServing(
    ctx,
    pebble,
    async () => {
      const r = await httpsGetText(directoryUrl, ctx.ca.certPath, 2000);
      return r.status === 200 && (JSON.parse(r.body) as { newAccount?: string }).newAccount !== undefined;
    },
    `pebble directory ${directoryUrl}`,
  );
  const issuing = await ctx.waitFor(() => fetchIssuingRoot(ctx, managementUrl), {
    timeoutMs: 10_000,
    what: `pebble issuing root at ${managementUrl}/roots/0`,
  });

  return {
    directoryUrl,
    apiCaBundle: ctx.ca.certPath,
    managementUrl,
    rootsUrl: `${managementUrl}/roots/0`,
    issuingRootPath: issuing.root,
    issuingIntermediatePath: issuing.intermediate,
    validation: { httpPort: HTTP01_PORT, tlsAlpnPort: TLSALPN01_PORT, dnsServer },
    dns01Hooks: { auth: DNS01_AUTH_HOOK, cleanup: DNS01_CLEANUP_HOOK },
  };
}

export async function down(ctx: WorldContext): Promise<void> {
  await ctx.stopDaemon(PEBBLE_DAEMON);
  forgetInputs(ctx, PEBBLE_DAEMON);
  // pebble keeps everything in memory; its config and fetched roots are worthless once it stops
  fs.rmSync(acmePaths(ctx).dir, { recursive: true, force: true });
}

export async function status(ctx: WorldContext): Promise<string> {
  const pid = ctx.daemonRunning(PEBBLE_DAEMON);
  if (pid === undefined) return 'acme: pebble not running';
  let listen = '?';
  try {
    const config = JSON.parse(fs.readFileSync(acmePaths(ctx).config, 'utf8')) as { pebble: { listenAddress: string } };
    listen = config.pebble.listenAddress;
  } catch {
    /* config gone: report what we know */
  }
  return `acme: pebble pid ${pid}, directory https://${listen}/dir, validates HTTP-01 on :${HTTP01_PORT}, TLS-ALPN-01 on :${TLSALPN01_PORT}`;
}
