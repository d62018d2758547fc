// Adding a world VPS to the app through its contract the way a careful person does: servers.add
// with the world's root key, then servers.connect, accepting the host key only when its fingerprint
// is one of the VPS's real ones (the fingerprint a provider's console would show).
import { readFile } from 'node:fs/promises';
import type { ServerSummary } from '../../electron/contract/server-schemas.js';
import { sha256Fingerprint } from '../../electron/ssh/host-key-fingerprint.js';
import type { VpsState } from '../world/vps.js';
import type { WorldState } from '../world/world.js';
import type { TestRpcClient } from './ws-test-client.js';

/** SHA-256 fingerprints of the VPS's host keys ("ssh-ed25519 AAAA..." lines). */
export function hostKeyFingerprints(vps: Pick<VpsState, 'hostKeys'>): string[] {
  return vps.hostKeys.map((line) => sha256Fingerprint(Buffer.from(line.split(' ')[1]!, 'base64')));
}

/**
 * The domain the world's DNS fixture gives a VPS: vpsN.mailharbor.test (N is the last octet of its
 * address less 9), with *.vpsN for the names of the services.
 */
export function worldVpsDomain(vps: Pick<VpsState, 'ip'>): string {
  return `vps${Number(vps.ip.split('.')[3]) - 9}.mailharbor.test`;
}

/**
 * Answers every host-key prompt that reaches `client` from now on: accepted when its fingerprint is
 * one of `fingerprints`, refused otherwise. Returns what stops answering.
 */
export function answerHostKeyPrompts(client: TestRpcClient, fingerprints: readonly string[]): () => void {
  let handled = client.frames.length;
  const timer = setInterval(() => {
    // A client may consume its frames (splice): then start again from the beginning.
    if (handled > client.frames.length) handled = 0;
    for (const frame of client.frames.slice(handled)) {
      handled++;
      if (frame.name !== 'hostKey.prompt') continue;
      const prompt = frame.payload as { promptId: string; fingerprint: string };
      void client.call('hostKey.answer', {
        promptId: prompt.promptId,
        accept: fingerprints.includes(prompt.fingerprint),
      });
    }
  }, 20);
  return () => clearInterval(timer);
}

/** servers.connect, answering the host-key prompt as above; fails with the app's error. */
export async function connectServer(client: TestRpcClient, id: string, vps: Pick<VpsState, 'hostKeys'>) {
  const stop = answerHostKeyPrompts(client, hostKeyFingerprints(vps));
  try {
    const connected = await client.call('servers.connect', { id });
    if (!connected.ok) throw new Error(`servers.connect failed: ${JSON.stringify(connected.error)}`);
    return connected.value as ServerSummary;
  } finally {
    stop();
  }
}

/** servers.add for the VPS as root with the world's key, then connectServer. */
export async function addWorldServer(
  client: TestRpcClient,
  world: Pick<WorldState, 'ssh'>,
  vps: Pick<VpsState, 'sshHost' | 'sshPort' | 'hostKeys'>,
  name: string,
): Promise<ServerSummary> {
  const added = await client.call('servers.add', {
    name,
    host: vps.sshHost,
    port: vps.sshPort,
    username: 'root',
    auth: { method: 'privateKey', privateKey: await readFile(world.ssh.privateKeyPath, 'utf8') },
  });
  if (!added.ok) throw new Error(`servers.add failed: ${JSON.stringify(added.error)}`);
  return connectServer(client, (added.value as ServerSummary).id, vps);
}
