// Adding a world VPS to the app through its contract the way a careful person does: servers.add
// with the world's root key, then servers.connect, accepting the host key only when its fingerprint
// is one of the VPS's real ones (the fingerprint a provider's console would show).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CallInput } from '../../electron/contract/contract.js';
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
 * The domain the world's DNS fixture gives a VPS: vpsN.mailharbor.test for 172.29.53.(9+N), with
 * *.vpsN for the names of the services.
 */
export function worldVpsDomain(vps: Pick<VpsState, 'ip'>): string {
  const slot = Number(vps.ip.split('.').at(-1)) - 9;
  if (!Number.isInteger(slot) || slot < 1 || slot > 40) throw new Error(`no world name for ${vps.ip}`);
  return `vps${slot}.mailharbor.test`;
}

/**
 * Makes the backend with data in `dataDir` trust exactly one host key (an OpenSSH public key line) for
 * the VPS's address, as if it had been accepted before.
 */
export async function trustOnlyHostKey(
  dataDir: string,
  vps: Pick<VpsState, 'sshHost' | 'sshPort'>,
  keyLine: string,
): Promise<void> {
  const [keyType, key] = keyLine.split(' ') as [string, string];
  const entry = {
    host: vps.sshHost,
    port: vps.sshPort,
    keyType,
    key,
    fingerprint: sha256Fingerprint(Buffer.from(key, 'base64')),
    addedAt: new Date().toISOString(),
  };
  await writeFile(
    path.join(dataDir, 'known-hosts.json'),
    `${JSON.stringify({ version: 1, entries: [entry] }, null, 2)}\n`,
  );
}

/** Trusts the VPS's ed25519 host key beforehand, for tests whose subject is not the host-key question. */
export function trustHostKey(dataDir: string, vps: Pick<VpsState, 'sshHost' | 'sshPort' | 'hostKey'>): Promise<void> {
  return trustOnlyHostKey(dataDir, vps, vps.hostKey.publicKey);
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
export async function connectServer(
  client: TestRpcClient,
  id: string,
  vps: Pick<VpsState, 'hostKeys'>,
): Promise<ServerSummary> {
  const stop = answerHostKeyPrompts(client, hostKeyFingerprints(vps));
  try {
    return await client.callOk('servers.connect', { id });
  } finally {
    stop();
  }
}

/** Who the app logs in as: root unless told otherwise, with the password sudo asks for when it does. */
export interface WorldLogin {
  username?: string;
  sudoPassword?: string | undefined;
}

/** servers.add's input for the VPS, logging in with the world's key. */
export async function worldServerInput(
  world: Pick<WorldState, 'ssh'>,
  vps: Pick<VpsState, 'sshHost' | 'sshPort'>,
  name: string,
  { username = 'root', sudoPassword }: WorldLogin = {},
): Promise<CallInput<'servers.add'>> {
  return {
    name,
    host: vps.sshHost,
    port: vps.sshPort,
    username,
    auth: { method: 'privateKey', privateKey: await readFile(world.ssh.privateKeyPath, 'utf8') },
    ...(sudoPassword ? { sudoPassword } : {}),
  };
}

/** servers.add for the VPS with the world's key (as root unless `login` says otherwise), then connectServer. */
export async function addWorldServer(
  client: TestRpcClient,
  world: Pick<WorldState, 'ssh'>,
  vps: Pick<VpsState, 'sshHost' | 'sshPort' | 'hostKeys'>,
  name: string,
  login: WorldLogin = {},
): Promise<ServerSummary> {
  const added = await client.callOk('servers.add', await worldServerInput(world, vps, name, login));
  return connectServer(client, added.id, vps);
}
