import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { outboundSmtpCheck } from './outbound-smtp.js';

const servers: Server[] = [];
const sockets = new Set<Socket>();

async function listen(onConnection: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function probe(targets: string[], timeoutMs = 400) {
  return outboundSmtpCheck.run({
    smtpProbeTargets: targets,
    smtpProbeTimeoutMs: timeoutMs,
    signal: new AbortController().signal,
  });
}

describe('the outbound port 25 check', () => {
  it('is ok when one target greets with 220, even if another stays silent', async () => {
    const greeter = await listen((socket) => socket.write('220 test ESMTP\r\n'));
    const silent = await listen(() => undefined);
    const result = await probe([`127.0.0.1:${silent}`, `127.0.0.1:${greeter}`]);
    expect(result).toMatchObject({ id: 'outboundSmtp', status: 'ok', params: { greetedBy: `127.0.0.1:${greeter}` } });
  });

  it('is a blocker (port25Blocked) when every target stays silent until the timeout', async () => {
    const silent = await listen(() => undefined);
    const started = Date.now();
    const result = await probe([`127.0.0.1:${silent}`], 300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(result).toMatchObject({ status: 'blocker', params: { reason: 'port25Blocked' } });
  });

  it('is a warning (port25Refused) when the connection is refused', async () => {
    const closed = await listen(() => undefined);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const result = await probe([`127.0.0.1:${closed}`]);
    expect(result).toMatchObject({ status: 'warning', params: { reason: 'port25Refused' } });
  });

  it('is a warning (port25Failed) when a server answers with something other than 220', async () => {
    const rude = await listen((socket) => socket.end('554 go away\r\n'));
    const result = await probe([`127.0.0.1:${rude}`]);
    expect(result).toMatchObject({ status: 'warning', params: { reason: 'port25Failed' } });
    expect(result.detail).toContain('554 go away');
  });
});
