import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerSummary } from '../../electron/contract/server-schemas.js';
import { startBackendWithClient, type TestBackend } from '../support/backend.js';
import { filesUnder } from '../support/files-under.js';
import { addWorldServer } from '../support/world-server.js';
import type { TestRpcClient } from '../support/ws-test-client.js';
import { readWorld, type WorldState } from '../world/world.js';
import type { VpsState } from '../world/vps.js';

let world: WorldState;
let vps: VpsState;
let backend: TestBackend;
let client: TestRpcClient;

beforeAll(async () => {
  world = readWorld();
  vps = world.vps.vps1!;
  ({ backend, client } = await startBackendWithClient());
}, 120_000);

afterAll(async () => {
  client?.close();
  await backend?.stop();
});

/** Adds the VPS as this login (by the world's key) and connects, accepting only the recorded host key. */
function addAndConnect(username: string, sudoPassword?: string): Promise<ServerSummary> {
  return addWorldServer(client, world, vps, `Shell as ${username}`, { username, sudoPassword });
}

/** Everything the shell printed so far, in order. */
function outputOf(shellId: string): string {
  return client.frames
    .filter((frame) => frame.name === 'shell.output' && (frame.payload as { shellId: string }).shellId === shellId)
    .map((frame) => (frame.payload as { data: string }).data)
    .join('');
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The printed lines without terminal control sequences (bash's bracketed-paste switches, title updates). */
function plainLines(text: string): string[] {
  // Terminal control sequences start with ESC and OSC ones end with BEL: matching them is the point here.
  /* eslint-disable no-control-regex */
  return text
    .replace(/\x1b\][^\x07]*\x07/g, '')
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .split('\n')
    .map((line) => line.replace(/\r/g, '').trim());
  /* eslint-enable no-control-regex */
}

/** Types a command and waits for a line of its output that says exactly `expected`. */
async function typeAndSee(shellId: string, command: string, expected: string): Promise<void> {
  const before = outputOf(shellId).length;
  expect(await client.callOk('shell.input', { shellId, data: `${command}\r` })).toEqual({ open: true });
  await waitFor(`${command} → ${expected}`, () => plainLines(outputOf(shellId).slice(before)).includes(expected));
}

function exitOf(shellId: string): { code?: number } | undefined {
  const frame = client.frames.find(
    (candidate) => candidate.name === 'shell.exit' && (candidate.payload as { shellId: string }).shellId === shellId,
  );
  return frame?.payload as { code?: number } | undefined;
}

describe('a root shell on the server through the contract', () => {
  it('as root: runs commands, follows resizes, and ends on close', async () => {
    const server = await addAndConnect('root');
    expect(server).toMatchObject({ status: 'connected', rootAccess: 'root' });
    const { shellId } = await client.callOk('shell.open', { serverId: server.id, cols: 100, rows: 30 });

    await typeAndSee(shellId, 'id -u', '0');
    await typeAndSee(shellId, 'stty size', '30 100');
    expect(await client.callOk('shell.resize', { shellId, cols: 132, rows: 43 })).toEqual({ open: true });
    await typeAndSee(shellId, 'stty size', '43 132');
    await typeAndSee(shellId, 'echo $TERM', 'xterm-256color');

    expect(await client.callOk('shell.close', { shellId })).toEqual({ open: true });
    await waitFor('shell.exit', () => exitOf(shellId) !== undefined);
    // After the end, calls say the shell is gone instead of failing.
    expect(await client.callOk('shell.input', { shellId, data: 'x' })).toEqual({ open: false });
    await client.callOk('servers.remove', { id: server.id });
  });

  it('reports the exit code when the shell exits by itself', async () => {
    const server = await addAndConnect('root');
    const { shellId } = await client.callOk('shell.open', { serverId: server.id, cols: 80, rows: 24 });
    await client.callOk('shell.input', { shellId, data: 'exit 3\r' });
    await waitFor('shell.exit', () => exitOf(shellId) !== undefined);
    expect(exitOf(shellId)).toEqual({ shellId, code: 3 });
    await client.callOk('servers.remove', { id: server.id });
  });

  it('refuses bad input naming the field', async () => {
    const tooBig = await client.call('shell.input', { shellId: 'sh-0123456789', data: 'x'.repeat(65_537) });
    expect(tooBig.ok).toBe(false);
    if (!tooBig.ok) expect(tooBig.error.params.fields).toBe('data');
    const badSize = await client.call('shell.open', { serverId: 'srv-abcdefgh', cols: 0, rows: 24 });
    expect(!badSize.ok && badSize.error.params.fields).toBe('cols');
  });

  it('as admin2 with a sudo password: becomes root, and the password is never shown or stored in plain text', async () => {
    const password = vps.users.admin2!.password!;
    const server = await addAndConnect('admin2', password);
    expect(server).toMatchObject({ status: 'connected', rootAccess: 'sudoPassword' });
    const { shellId } = await client.callOk('shell.open', { serverId: server.id, cols: 90, rows: 25 });

    await typeAndSee(shellId, 'id -u', '0');
    await typeAndSee(shellId, 'echo "$HOME $SUDO_USER"', '/root admin2');
    await typeAndSee(shellId, 'stty size', '25 90');
    await client.callOk('shell.close', { shellId });
    await waitFor('shell.exit', () => exitOf(shellId) !== undefined);

    const everything = JSON.stringify(client.frames);
    expect(everything).not.toContain(password);
    expect(outputOf(shellId)).not.toMatch(/mailharbor-sudo-/);
    for (const file of await filesUnder(backend.dataDir)) {
      expect((await readFile(file)).includes(Buffer.from(password)), file).toBe(false);
    }
    await client.callOk('servers.remove', { id: server.id });
  });
});
