import { readFile } from 'node:fs/promises';
import { parseProcNetTcp } from '../../preflight/proc-net-tcp.js';
import { findSocketOwners } from '../../preflight/socket-owners.js';
import { exec } from '../../system/exec.js';

/** Where each port was seen, for the step's log: the firewall must never be enabled on a guess. */
export interface SshPorts {
  ports: number[];
  sources: string[];
}

function validPort(value: number): boolean {
  return Number.isInteger(value) && value > 0 && value < 65_536;
}

/**
 * The ports in `sshd -T` output: its `port N` lines, and the port of each `listenaddress host:N`
 * line (sshd prints every ListenAddress with its port, which may differ from Port).
 */
export function parseSshdConfigPorts(text: string): number[] {
  const ports = new Set<number>();
  for (const line of text.split('\n').slice(0, 5_000)) {
    const port = /^port\s+(\d+)\s*$/i.exec(line.trim());
    if (port) ports.add(Number(port[1]));
    const listen = /^listenaddress\s+\S*:(\d+)\s*$/i.exec(line.trim());
    if (listen) ports.add(Number(listen[1]));
  }
  return [...ports].filter(validPort);
}

/**
 * SSH_CONNECTION is "client-ip client-port server-ip server-port": the port the session that
 * started this agent came in on, which is the one that must stay open above all.
 */
export function sshConnectionServerPort(value: string | undefined): number | undefined {
  const port = Number(value?.trim().split(/\s+/)[3]);
  return value && validPort(port) ? port : undefined;
}

/** Ports of listening TCP sockets held by an sshd process (IPv4 and IPv6). */
export async function sshdListeningPorts(): Promise<number[]> {
  const tables = await Promise.all(
    ['/proc/net/tcp', '/proc/net/tcp6'].map((file) => readFile(file, 'utf8').catch(() => '')),
  );
  const sockets = tables.flatMap(parseProcNetTcp);
  const owners = await findSocketOwners(new Set(sockets.map((socket) => socket.inode)));
  const ports = sockets.filter((socket) => owners.get(socket.inode)?.name === 'sshd').map((socket) => socket.port);
  return [...new Set(ports)];
}

async function sshdConfigPorts(signal: AbortSignal): Promise<number[]> {
  // PATH may lack /usr/sbin when the agent was started by a non-login shell.
  for (const sshd of ['sshd', '/usr/sbin/sshd']) {
    const result = await exec(sshd, ['-T'], { timeoutMs: 15_000, signal });
    if (result.code === 0) return parseSshdConfigPorts(result.stdout);
    if (result.code !== 127) return [];
  }
  return [];
}

/**
 * Every port SSH may be reached on: what sshd is configured with, what sshd processes listen
 * on, and the port of the agent's own session. The union, because opening one port too many is
 * harmless and missing one locks the user out. Empty means nothing could be found.
 */
export async function findSshPorts(signal: AbortSignal, env: NodeJS.ProcessEnv = process.env): Promise<SshPorts> {
  const [configured, listening] = await Promise.all([sshdConfigPorts(signal), sshdListeningPorts()]);
  const session = sshConnectionServerPort(env.SSH_CONNECTION);
  const sources: string[] = [];
  if (configured.length) sources.push(`sshd -T: ${configured.join(', ')}`);
  if (listening.length) sources.push(`sshd listens on: ${listening.join(', ')}`);
  if (session !== undefined) sources.push(`this session's port: ${session}`);
  const ports = [...new Set([...configured, ...listening, ...(session === undefined ? [] : [session])])].sort(
    (a, b) => a - b,
  );
  return { ports, sources };
}
