import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventChannel } from '../../electron/rpc/event-channel.js';
import { dispatchCall } from '../../electron/rpc/dispatch.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/security/content-security-policy.js';
import { startTestBackend, type TestBackend } from '../support/backend.js';
import { openSocket, sessionCookie, TestRpcClient } from '../support/ws-test-client.js';

let backend: TestBackend;
let cookie: string;
let origin: string;

beforeAll(async () => {
  const rendererDir = path.join(tmpdir(), `mailharbor-renderer-${process.pid}`);
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Mailharbor test page</title>');
  backend = await startTestBackend(rendererDir);
  origin = backend.server.origin;
  cookie = await sessionCookie(backend.server);
});

afterAll(async () => {
  await backend?.stop();
});

async function connected(): Promise<TestRpcClient> {
  const { socket, refusedWith } = await openSocket(backend.server, { Origin: origin, Cookie: cookie });
  if (!socket) throw new Error(`refused with ${refusedWith}`);
  return new TestRpcClient(socket);
}

describe('web mode over HTTP', () => {
  it('refuses a request without the token', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain('Mailharbor test page');
  });

  it('refuses a wrong token', async () => {
    const response = await fetch(`${origin}/?token=not-the-token`, { redirect: 'manual' });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('trades the token for an HttpOnly cookie and serves the app with a strict CSP', async () => {
    expect(cookie).toMatch(/^mailharbor_session_\d+=/);
    const response = await fetch(`${origin}/`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Mailharbor test page');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses a request for another host name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = request(
        { host: '127.0.0.1', port: backend.server.port, path: '/', headers: { Host: 'evil.example', Cookie: cookie } },
        (response) => resolve(response.statusCode ?? 0),
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
    expect(status).toBe(421);
  });

  it('never serves files outside the renderer folder', async () => {
    const response = await fetch(`${origin}/..%2f..%2f..%2fetc%2fpasswd`, { headers: { Cookie: cookie } });
    expect(await response.text()).not.toContain('root:');
  });
});

describe('web mode over the WebSocket', () => {
  it('refuses a socket without the session cookie', async () => {
    expect((await openSocket(backend.server, { Origin: origin })).refusedWith).toBe(403);
  });

  it('refuses a socket with a wrong cookie', async () => {
    const name = cookie.split('=')[0]!;
    expect((await openSocket(backend.server, { Origin: origin, Cookie: `${name}=wrong` })).refusedWith).toBe(403);
  });

  it('refuses a socket opened from another origin, even with the cookie', async () => {
    const result = await openSocket(backend.server, { Origin: 'http://evil.example', Cookie: cookie });
    expect(result.refusedWith).toBe(403);
  });

  it('answers exactly what a direct call answers', async () => {
    const client = await connected();
    const direct = { events: new EventChannel(() => {}) };
    const cases: Array<[string, unknown]> = [
      ['app.info', {}],
      ['settings.get', {}],
      ['settings.update', { theme: 'dark' }],
      ['settings.get', {}],
      ['settings.update', { language: 'fr' }],
      ['no.such.call', {}],
    ];
    for (const [name, input] of cases) {
      const overSocket = await client.call(name, input);
      const viaDispatch = await dispatchCall(backend.handlers, name, input, direct);
      expect(overSocket).toEqual(viaDispatch);
    }
    client.close();
  });

  it('closes the socket on a message that is not contract JSON', async () => {
    const client = await connected();
    const socket = client.rawSocket;
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('not json');
    expect(await closed).toBe(1003);
  });

  it('broadcasts settings changes to every connected window', async () => {
    const watcher = await connected();
    const changer = await connected();
    await changer.call('settings.update', { language: 'nl' });
    for (let attempt = 0; attempt < 50 && watcher.frames.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(watcher.frames.find((frame) => frame.name === 'settings.changed')?.payload).toMatchObject({
      language: 'nl',
    });
    watcher.close();
    changer.close();
  });

  it('holds a stream back until the client acknowledges, then delivers all of it in order', async () => {
    const client = await connected();
    const count = 3000;
    const done = client.call('diagnostics.stream', { streamId: 'bp', count, payloadBytes: 1000 });

    // Without acknowledgements only about one window (1 MiB) may be in flight.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const beforeAck = client.frames.length;
    expect(beforeAck).toBeGreaterThan(500);
    expect(beforeAck).toBeLessThan(1200);

    const deadline = Date.now() + 20_000;
    let settled = false;
    void done.then(() => (settled = true));
    while (!settled && Date.now() < deadline) {
      if (client.frames.length > 0) client.ack(client.frames.at(-1)!.seq);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await done).toEqual({ ok: true, value: { sent: count } });
    const indexes = client.frames.map((frame) => (frame.payload as { index: number }).index);
    expect(indexes).toEqual(Array.from({ length: count }, (_, index) => index));
    client.close();
  });
});
