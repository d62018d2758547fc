// A minimal DNS client over UDP or TCP (dns-packet), for the piece's health checks and for tests that
// must ask one specific server without any resolver, cache or search list in between.
import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket, Packet, RecordType } from 'dns-packet';

export interface DnsQuery {
  server: string;
  port: number;
  name: string;
  type: RecordType;
  /** Default: UDP, retried over TCP when the answer is truncated. */
  transport?: 'udp' | 'tcp';
  /** Default 3000 ms. */
  timeoutMs?: number;
}

export const RCODE_NAMES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'] as const;

export interface DnsAnswer {
  rcode: string;
  authoritative: boolean;
  /** The UDP answer was truncated (TC); queryDns then retried over TCP unless transport was 'udp'. */
  truncated: boolean;
  answers: Answer[];
  authorities: Answer[];
  elapsedMs: number;
}

function rcodeOf(packet: DecodedPacket): string {
  const code = (packet.flags ?? 0) & 0xf;
  return RCODE_NAMES[code] ?? `RCODE${code}`;
}

function toAnswer(packet: DecodedPacket, startedAt: number): DnsAnswer {
  return {
    rcode: rcodeOf(packet),
    authoritative: packet.flag_aa,
    truncated: packet.flag_tc,
    answers: packet.answers ?? [],
    authorities: packet.authorities ?? [],
    elapsedMs: Date.now() - startedAt,
  };
}

function queryPacket(q: DnsQuery): Packet {
  // No recursion desired: the world's servers are authoritative (checks ask them directly, lego-style).
  // EDNS with a 1232-byte buffer like today's resolvers, so a DKIM TXT fits in one UDP answer.
  return {
    type: 'query',
    id: Math.floor(Math.random() * 65535),
    flags: 0,
    questions: [{ type: q.type, name: q.name }],
    additionals: [
      {
        type: 'OPT',
        name: '.',
        udpPayloadSize: 1232,
        extendedRcode: 0,
        ednsVersion: 0,
        flags: 0,
        flag_do: false,
        options: [],
      },
    ],
  };
}

function queryUdp(q: DnsQuery, timeoutMs: number): Promise<DnsAnswer> {
  const startedAt = Date.now();
  const packet = queryPacket(q);
  const socket = dgram.createSocket(net.isIPv6(q.server) ? 'udp6' : 'udp4');
  return new Promise<DnsAnswer>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`DNS ${q.type} ${q.name} @${q.server}:${q.port}/udp: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('error', (err) => {
      clearTimeout(timer);
      socket.close();
      reject(err);
    });
    socket.on('message', (msg) => {
      const decoded = dnsPacket.decode(msg);
      if (decoded.id !== packet.id) return; // a late answer to someone else's question
      clearTimeout(timer);
      socket.close();
      resolve(toAnswer(decoded, startedAt));
    });
    socket.send(dnsPacket.encode(packet), q.port, q.server);
  });
}

function queryTcp(q: DnsQuery, timeoutMs: number): Promise<DnsAnswer> {
  const startedAt = Date.now();
  const packet = queryPacket(q);
  return new Promise<DnsAnswer>((resolve, reject) => {
    const socket = net.connect({ host: q.server, port: q.port });
    let buffered = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`DNS ${q.type} ${q.name} @${q.server}:${q.port}/tcp: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('connect', () => socket.write(dnsPacket.streamEncode(packet)));
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 2) return;
      const length = buffered.readUInt16BE(0);
      if (buffered.length < 2 + length) return;
      clearTimeout(timer);
      socket.destroy();
      resolve(toAnswer(dnsPacket.decode(buffered.subarray(2, 2 + length)), startedAt));
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** UDP first (TCP when truncated, as resolvers do); transport 'udp' or 'tcp' pins one. */
export async function queryDns(q: DnsQuery): Promise<DnsAnswer> {
  const timeoutMs = q.timeoutMs ?? 3000;
  if (q.transport === 'tcp') return queryTcp(q, timeoutMs);
  const answer = await queryUdp(q, timeoutMs);
  if (answer.truncated && q.transport === undefined) return queryTcp(q, timeoutMs);
  return answer;
}

/** TXT answers as joined strings (each record's character-strings concatenated, like SPF/DKIM readers do). */
export function txtValues(answer: DnsAnswer): string[] {
  return answer.answers
    .filter((a) => a.type === 'TXT')
    .map((a) => {
      const data = a.data as string | Buffer | (string | Buffer)[];
      const parts = Array.isArray(data) ? data : [data];
      return parts.map((p) => p.toString()).join('');
    });
}

/** TXT answers with their character-strings kept apart (to check a long value was split). */
export function txtStrings(answer: DnsAnswer): string[][] {
  return answer.answers
    .filter((a) => a.type === 'TXT')
    .map((a) => {
      const data = a.data as string | Buffer | (string | Buffer)[];
      return (Array.isArray(data) ? data : [data]).map((p) => p.toString());
    });
}

/** The data of each answer record (optionally of one type): strings for A/AAAA/PTR/NS, objects for MX/SOA. */
export function rdata(answer: DnsAnswer, type?: RecordType): unknown[] {
  return answer.answers
    .filter((a) => type === undefined || a.type === type)
    .map((a) => ('data' in a ? a.data : undefined));
}
