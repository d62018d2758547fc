// The DNS client against a local fake server: answers parsed (TXT strings kept apart), RD as asked,
// TCP after a truncated answer, answers to other questions ignored, one retransmission after silence,
// and failures named (timeout, refused, aborted).
import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';
import { afterEach, describe, expect, test } from 'vitest';
import { createDnsQuery, DnsLookupError } from '../../common/dns/dns-client.js';
import { startFakeDnsServer } from '../support/dns-fake-server.js';
import type { FakeDnsServer, FakeHandler } from '../support/dns-fake-server.js';

const query = createDnsQuery();
let fake: FakeDnsServer | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function serve(handler: FakeHandler): Promise<FakeDnsServer> {
  fake = await startFakeDnsServer(handler);
  return fake;
}

const LONG_TXT = ['a'.repeat(255), 'b'.repeat(255), 'c'.repeat(100)];

describe('answers', () => {
  test('A, MX, TXT (strings apart), SRV, CAA and SOA in the shape of dns-types.ts', async () => {
    const { server } = await serve(({ name }) => ({
      answers: [
        { name, type: 'A', ttl: 60, data: '192.0.2.10' },
        { name, type: 'MX', ttl: 60, data: { preference: 10, exchange: 'mx.example.com' } },
        { name, type: 'TXT', ttl: 60, data: ['v=DKIM1; ', 'p=abc'] },
        { name, type: 'SRV', ttl: 60, data: { priority: 0, weight: 1, port: 465, target: 'smtp.example.com' } },
        { name, type: 'CAA', ttl: 60, data: { flags: 0, tag: 'issue', value: 'letsencrypt.org' } },
      ],
      authorities: [
        {
          name: 'example.com',
          type: 'SOA',
          ttl: 300,
          data: { mname: 'ns1.example.com', rname: 'host.example.com', serial: 7, minimum: 60 },
        },
      ],
    }));
    const response = await query(server, 'example.com', 'A', { recursionDesired: false, timeoutMs: 2000 });
    expect(response).toMatchObject({ rcode: 'NOERROR', authoritative: true, viaTcp: false, server });
    expect(response.answers.map((r) => r.data)).toEqual([
      { type: 'A', value: '192.0.2.10' },
      { type: 'MX', preference: 10, exchange: 'mx.example.com' },
      { type: 'TXT', strings: ['v=DKIM1; ', 'p=abc'] },
      { type: 'SRV', priority: 0, weight: 1, port: 465, target: 'smtp.example.com' },
      { type: 'CAA', flags: 0, tag: 'issue', value: 'letsencrypt.org' },
    ]);
    expect(response.authorities[0]).toMatchObject({
      ttl: 300,
      data: { type: 'SOA', serial: 7, minimum: 60 },
    });
  });

  test('RD only when recursion is desired; EDNS is sent', async () => {
    const { server, questions } = await serve(() => ({}));
    await query(server, 'example.com', 'A', { recursionDesired: false, timeoutMs: 2000 });
    await query(server, 'example.com', 'A', { recursionDesired: true, timeoutMs: 2000 });
    expect(questions.map((q) => [q.recursionDesired, q.edns])).toEqual([
      [false, true],
      [true, true],
    ]);
  });

  test('rcodes come back as names', async () => {
    const { server } = await serve(({ name }) => ({ rcode: name.startsWith('nx') ? 'NXDOMAIN' : 'REFUSED' }));
    expect((await query(server, 'nx.example.com', 'A', { recursionDesired: false, timeoutMs: 2000 })).rcode).toBe(
      'NXDOMAIN',
    );
    expect((await query(server, 'example.com', 'A', { recursionDesired: false, timeoutMs: 2000 })).rcode).toBe(
      'REFUSED',
    );
  });

  test('a truncated UDP answer is asked again over TCP', async () => {
    const { server, questions } = await serve(({ name, transport }) => ({
      truncated: transport === 'udp',
      answers: [{ name, type: 'TXT', ttl: 60, data: [...LONG_TXT] }], // a copy: dns-packet turns strings into Buffers in place
    }));
    const response = await query(server, 'big.example.com', 'TXT', { recursionDesired: false, timeoutMs: 2000 });
    expect(response.viaTcp).toBe(true);
    expect(response.answers[0]?.data).toEqual({ type: 'TXT', strings: LONG_TXT });
    expect(questions.map((q) => q.transport)).toEqual(['udp', 'tcp']);
  });

  test('a server from before EDNS (FORMERR) is asked once more without it', async () => {
    const { server, questions } = await serve(({ edns, name }) =>
      edns ? { rcode: 'FORMERR' } : { answers: [{ name, type: 'A', ttl: 1, data: '192.0.2.1' }] },
    );
    const response = await query(server, 'old.example.com', 'A', { recursionDesired: false, timeoutMs: 2000 });
    expect(response.rcode).toBe('NOERROR');
    expect(questions.map((q) => q.edns)).toEqual([true, false]);
  });
});

describe('answers that are not ours', () => {
  test('another id or another question is ignored; the real answer that follows counts', async () => {
    // a hand-made server that sends two forgeries (wrong id, wrong name) before the real answer
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    socket.on('message', (message, from) => {
      const q = dnsPacket.decode(message);
      const name = q.questions?.[0]?.name ?? '';
      const reply = (id: number, owner: string, address: string) =>
        dnsPacket.encode({
          type: 'response',
          id,
          flags: dnsPacket.AUTHORITATIVE_ANSWER,
          questions: [{ name: owner, type: 'A' }],
          answers: [{ name: owner, type: 'A', ttl: 1, data: address }],
        });
      socket.send(reply(((q.id ?? 0) + 1) % 65536, name, '192.0.2.66'), from.port, from.address);
      socket.send(reply(q.id ?? 0, `evil.${name}`, '192.0.2.67'), from.port, from.address);
      setTimeout(() => socket.send(reply(q.id ?? 0, name, '192.0.2.10'), from.port, from.address), 20);
    });
    try {
      const server = { host: '127.0.0.1', port: socket.address().port };
      const response = await query(server, 'example.com', 'A', { recursionDesired: false, timeoutMs: 2000 });
      expect(response.answers.map((r) => r.data)).toEqual([{ type: 'A', value: '192.0.2.10' }]);
    } finally {
      socket.close();
    }
  });
});

describe('failures', () => {
  test('silence: one retransmission halfway, then a timeout', async () => {
    const { server, questions } = await serve(() => 'drop');
    const started = Date.now();
    const error = await query(server, 'example.com', 'A', { recursionDesired: false, timeoutMs: 400 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DnsLookupError);
    expect((error as DnsLookupError).reason).toBe('timeout');
    expect((error as DnsLookupError).retryable).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(questions.length).toBe(2);
  });

  test('a lost first packet is recovered by the retransmission', async () => {
    let seen = 0;
    const { server } = await serve(({ name }) =>
      seen++ === 0 ? 'drop' : { answers: [{ name, type: 'A', ttl: 1, data: '192.0.2.10' }] },
    );
    const response = await query(server, 'example.com', 'A', { recursionDesired: false, timeoutMs: 600 });
    expect(response.answers).toHaveLength(1);
  });

  test('a slow answer within the timeout counts even after the retransmission went out', async () => {
    const { server } = await serve(({ name }) => ({
      delayMs: 300,
      answers: [{ name, type: 'A', ttl: 1, data: '192.0.2.10' }],
    }));
    const response = await query(server, 'example.com', 'A', { recursionDesired: false, timeoutMs: 500 });
    expect(response.answers).toHaveLength(1);
  });

  test('nothing listening: refused', async () => {
    const { server } = await serve(() => ({}));
    await fake?.close();
    fake = undefined;
    const error = await query(server, 'example.com', 'A', { recursionDesired: false, timeoutMs: 1000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DnsLookupError);
    expect((error as DnsLookupError).reason).toBe('refused');
  });

  test('cancelled through the signal', async () => {
    const { server } = await serve(() => 'drop');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await query(server, 'example.com', 'A', {
      recursionDesired: false,
      timeoutMs: 5000,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect((error as DnsLookupError).reason).toBe('aborted');
  });

  test('a timeout out of range is refused', async () => {
    await expect(
      query({ host: '127.0.0.1', port: 9 }, 'example.com', 'A', { recursionDesired: false, timeoutMs: 0 }),
    ).rejects.toThrow(/timeoutMs/);
  });
});
