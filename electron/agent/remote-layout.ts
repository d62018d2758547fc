/**
 * Where Mailharbor keeps its own files on a VPS. Versioned folders: a new app version installs its
 * agent beside the old one, and a runtime is reused by every agent that needs the same Node.
 */
export const REMOTE_ROOT = '/opt/mailharbor';

export function remoteNodePath(nodeVersion: string): string {
  return `${REMOTE_ROOT}/runtime/node-v${nodeVersion}/bin/node`;
}

export function remoteAgentPath(appVersion: string, agentSha256: string): string {
  return `${REMOTE_ROOT}/agent/${appVersion}-${agentSha256.slice(0, 12)}/agent.cjs`;
}

/** Versions and hashes travel as script arguments: refuse anything but their plain shapes. */
export function assertPlainToken(value: string, what: string): void {
  if (!/^[A-Za-z0-9._+-]{1,128}$/.test(value)) throw new Error(`unexpected characters in ${what}`);
}
