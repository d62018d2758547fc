import { readFile } from 'node:fs/promises';
import { parseProcNetTcp } from '../../preflight/proc-net-tcp.js';
import { findSocketOwners } from '../../preflight/socket-owners.js';

/**
 * Who listens on TCP port 80, from /proc/net/tcp{,6}: undefined when nobody does. On a fresh install the
 * port is free and certbot answers HTTP-01 itself (--standalone); once the stack runs, nginx
 * (sni-router, host network) holds it and serves the ACME webroot.
 */
export async function port80Listener(): Promise<string | undefined> {
  const tables = await Promise.all(
    ['/proc/net/tcp', '/proc/net/tcp6'].map((file) => readFile(file, 'utf8').catch(() => '')),
  );
  const sockets = tables.flatMap(parseProcNetTcp).filter((socket) => socket.port === 80);
  if (!sockets.length) return undefined;
  const owners = await findSocketOwners(new Set(sockets.map((socket) => socket.inode)));
  const owner = [...owners.values()][0];
  return owner ? `${owner.name} (pid ${owner.pid})` : 'a process this agent cannot see';
}
