import { exec } from '../../system/exec.js';

/** What `ufw status` says: whether the firewall is on, and the TCP ports allowed from anywhere (IPv4). */
export interface UfwStatus {
  active: boolean;
  allowedTcpPorts: Set<number>;
}

const MAX_LINES = 10_000;
/** A range rule ("6000:6007/tcp") expands to at most this many ports; wider ranges are not counted. */
const MAX_RANGE = 1_024;

/**
 * The ports of a rule's "To" column when it applies to TCP on every address: "22", "22/tcp",
 * "80,443/tcp", "6000:6007/tcp". An address, an interface ("on eth0"), UDP or an application
 * profile name ("OpenSSH") gives none: such a rule is not taken as allowing the port.
 */
export function tcpPortsOfRule(to: string): number[] {
  const match = /^([\d,:]+)(?:\/(tcp|udp))?$/.exec(to.trim());
  if (!match || match[2] === 'udp') return [];
  const ports: number[] = [];
  for (const item of match[1]!.split(',')) {
    const [first, last = first] = item.split(':').map(Number);
    if (first === undefined || last === undefined || !(first > 0) || last < first || last - first > MAX_RANGE) continue;
    for (let port = first; port <= last && port < 65_536; port++) ports.push(port);
  }
  return ports;
}

/**
 * Parses `ufw status` (not verbose):
 *
 *   Status: active
 *
 *   To                         Action      From
 *   --                         ------      ----
 *   22/tcp                     ALLOW       Anywhere
 *   22/tcp (v6)                ALLOW       Anywhere (v6)
 *
 * Columns are separated by two or more spaces; a trailing "# comment" is ignored. Only ALLOW
 * (or ALLOW IN) rules from Anywhere count; the (v6) twins are skipped, since ufw adds both for
 * one `ufw allow` when IPv6 is on and only the IPv4 one when it is off.
 */
export function parseUfwStatus(text: string): UfwStatus {
  const lines = text.split('\n').slice(0, MAX_LINES);
  const active = lines.some((line) => /^Status:\s*active\s*$/.test(line.trim()));
  const allowedTcpPorts = new Set<number>();
  for (const line of lines) {
    const columns = line
      .replace(/\s+#.*$/, '')
      .trim()
      .split(/\s{2,}/);
    if (columns.length < 3) continue;
    const [to, action, from] = columns as [string, string, string];
    if (/\(v6\)/.test(to) || !/^ALLOW( IN)?$/.test(action) || from !== 'Anywhere') continue;
    for (const port of tcpPortsOfRule(to)) allowedTcpPorts.add(port);
  }
  return { active, allowedTcpPorts };
}

/**
 * The ports of `ufw show added` ("ufw allow 22/tcp"): the rules ufw holds even while it is
 * inactive, which is how the SSH rules are proven to be in before the firewall is enabled.
 */
export function parseUfwAdded(text: string): Set<number> {
  const ports = new Set<number>();
  for (const line of text.split('\n').slice(0, MAX_LINES)) {
    const match = /^ufw allow (\S+)$/.exec(line.trim());
    if (match) for (const port of tcpPortsOfRule(match[1]!)) ports.add(port);
  }
  return ports;
}

export function ufwAllowArgs(port: number): string[] {
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`ufw allow: ${port} is not a port`);
  return ['allow', `${port}/tcp`];
}

const UFW_TIMEOUT_MS = 60_000;

/** ufw's view, or undefined when ufw is not installed or cannot say (not root, broken install). */
export async function readUfwStatus(signal: AbortSignal): Promise<UfwStatus | undefined> {
  const result = await exec('ufw', ['status'], { timeoutMs: UFW_TIMEOUT_MS, signal });
  return result.code === 0 ? parseUfwStatus(result.stdout) : undefined;
}

export function missingPorts(status: UfwStatus | undefined, ports: number[]): number[] {
  return ports.filter((port) => !status?.active || !status.allowedTcpPorts.has(port));
}
