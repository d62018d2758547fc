// Where host-side world services listen: always loopback (tests on the host) and the bridge gateway
// (VPS containers), never a wildcard address. The gateway only exists once the network piece ran; a piece
// that starts before it fails loudly, unless a developer explicitly asked for a loopback-only world.
import { execFileSync } from 'node:child_process';
import type { WorldContext } from '../../context.js';

export const LOOPBACK = '127.0.0.1';

/** Set to 1 to run DNS/ACME/S3/feed pieces without the docker network (piece development only). */
export const LOOPBACK_ONLY_ENV = 'MAILHARBOR_WORLD_LOOPBACK_ONLY';

interface IpAddrJson {
  addr_info?: { local?: string }[];
}

export function hostHasAddress(ip: string): boolean {
  const out = execFileSync('ip', ['-j', 'addr', 'show'], { encoding: 'utf8', timeout: 10_000 });
  const links = JSON.parse(out) as IpAddrJson[];
  return links.some((link) => (link.addr_info ?? []).some((a) => a.local === ip));
}

export interface ListenAddresses {
  loopback: typeof LOOPBACK;
  /** undefined only in explicit loopback-only mode */
  gateway: string | undefined;
}

export function listenAddresses(ctx: WorldContext): ListenAddresses {
  if (hostHasAddress(ctx.gateway)) return { loopback: LOOPBACK, gateway: ctx.gateway };
  if (process.env[LOOPBACK_ONLY_ENV] === '1') {
    ctx.log(`gateway ${ctx.gateway} is not on this host; ${LOOPBACK_ONLY_ENV}=1 so listening on loopback only`);
    return { loopback: LOOPBACK, gateway: undefined };
  }
  throw new Error(
    `the world gateway ${ctx.gateway} is not an address of this host: bring the network up first ` +
      `(test/world/up starts it before the host services), or set ${LOOPBACK_ONLY_ENV}=1 to develop a piece on loopback`,
  );
}

/** The address a single-address server (pebble) binds: the gateway, reachable from the host and the VPSes. */
export function primaryAddress(addrs: ListenAddresses): string {
  return addrs.gateway ?? addrs.loopback;
}
