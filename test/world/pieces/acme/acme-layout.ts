// Where the ACME piece keeps its files and which ports pebble uses.
import path from 'node:path';
import type { WorldContext } from '../../context.js';
import { REPO_ROOT } from '../shared/node-daemon.js';

export const PEBBLE_DAEMON = 'pebble';
export const PEBBLE_ACME_PORT = 14000;
export const PEBBLE_MANAGEMENT_PORT = 15000;
/** Ports pebble validates on, at the address the name resolves to: a real VPS's layout. */
export const HTTP01_PORT = 80;
export const TLSALPN01_PORT = 443;

export function acmePaths(ctx: WorldContext) {
  const dir = path.join(ctx.stateDir, 'acme');
  return {
    dir,
    config: path.join(dir, 'pebble-config.json'),
    /** pebble's throw-away issuing root, refetched on every `up` (it changes when pebble restarts) */
    issuingRoot: path.join(dir, 'pebble-issuing-root.pem'),
    issuingIntermediate: path.join(dir, 'pebble-issuing-intermediate.pem'),
  };
}

/** certbot manual hooks for DNS-01: they run inside a VPS and add/remove the TXT record in knot (RFC 2136). */
export const DNS01_AUTH_HOOK = path.join(REPO_ROOT, 'test', 'world', 'fixtures', 'acme', 'dns01-auth-hook.sh');
export const DNS01_CLEANUP_HOOK = path.join(REPO_ROOT, 'test', 'world', 'fixtures', 'acme', 'dns01-cleanup-hook.sh');
