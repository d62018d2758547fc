import { readFile } from 'node:fs/promises';
import { finding, type PreflightCheck } from './check.js';
import { parseProcNetTcp, type ListeningSocket } from './proc-net-tcp.js';
import { findSocketOwners } from './socket-owners.js';

/** SMTP, HTTP, HTTPS, SMTPS, IMAPS and POP3S: what the mail stack publishes on the server. */
export const REQUIRED_PORTS = [25, 80, 443, 465, 993, 995];

async function listeningSockets(): Promise<ListeningSocket[]> {
  const tables = await Promise.all(
    ['/proc/net/tcp', '/proc/net/tcp6'].map((file) => readFile(file, 'utf8').catch(() => '')),
  );
  return tables.flatMap(parseProcNetTcp);
}

export const portsCheck: PreflightCheck = {
  id: 'ports',
  async run() {
    const held = (await listeningSockets()).filter((socket) => REQUIRED_PORTS.includes(socket.port));
    const owners = await findSocketOwners(new Set(held.map((socket) => socket.inode)));
    // Only this agent counts as ours for now: before the install nothing of the stack runs yet.
    const foreign = held.filter((socket) => owners.get(socket.inode)?.pid !== process.pid);
    const byPort = new Map<number, string>();
    for (const socket of foreign) {
      const owner = owners.get(socket.inode);
      const name = owner ? `${owner.name} (pid ${owner.pid})` : 'unknown process';
      if (!byPort.has(socket.port)) byPort.set(socket.port, name);
    }
    const ports = [...byPort.keys()].sort((a, b) => a - b);
    const detail = held.length
      ? held
          .map((socket) => {
            const owner = owners.get(socket.inode);
            return `${socket.address}:${socket.port} inode ${socket.inode} ${owner ? `${owner.name}[${owner.pid}]` : '?'}`;
          })
          .join('; ')
      : `none of ${REQUIRED_PORTS.join(', ')} is listening`;
    if (ports.length === 0) return finding('ports', 'ok', { expected: REQUIRED_PORTS.join(', ') }, detail);
    return finding(
      'ports',
      'blocker',
      {
        ports: ports.join(', '),
        found: ports.map((port) => `${port}: ${byPort.get(port)}`).join(', '),
        processes: [...new Set(ports.map((port) => byPort.get(port)!.replace(/ \(pid \d+\)$/, '')))].join(', '),
        expected: REQUIRED_PORTS.join(', '),
      },
      detail,
    );
  },
};
