/**
 * The DNS client behind every live check: one question to one server, over UDP with dns-packet, with
 * the answer checked against the question (random id, same name and type, from the server asked), one
 * retransmission when UDP stays silent, and TCP when the answer comes back truncated. No system
 * resolver, cache or search list sits in between, so the checks see exactly what each server says.
 */
import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket, Packet } from 'dns-packet';
import { sameName } from './dns-names.js';
import type {
  DnsQuery,
  DnsQueryOptions,
  DnsRcode,
  DnsRecord,
  DnsRecordData,
  DnsRecordType,
  DnsResponse,
  DnsServer,
} from './dns-types.js';

export type DnsLookupFailure = 'timeout' | 'refused' | 'network' | 'malformed' | 'aborted';

/** A lookup that got no usable answer. Always worth retrying later: DNS failures are usually passing. */
export class DnsLookupError extends Error {
  readonly reason: DnsLookupFailure;
  readonly server: DnsServer;
  readonly retryable = true;

  constructor(reason: DnsLookupFailure, server: DnsServer, question: string, message: string) {
    super(`${question} @${formatServer(server)}: ${message}`);
    this.name = 'DnsLookupError';
    this.reason = reason;
    this.server = server;
  }
}

export function formatServer(server: DnsServer): string {
  return server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}

/** EDNS buffer size of today's resolvers (DNS flag day 2020): a 2048-bit DKIM key fits, no fragmentation. */
const EDNS_UDP_SIZE = 1232;
const RCODES: readonly DnsRcode[] = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'];

interface Question {
  server: DnsServer;
  name: string;
  type: DnsRecordType;
  recursionDesired: boolean;
  edns: boolean;
}

function describe(q: Question): string {
  return `${q.type} ${q.name}`;
}

function queryPacket(q: Question): Packet {
  return {
    type: 'query',
    id: randomInt(0, 65536),
    flags: q.recursionDesired ? dnsPacket.RECURSION_DESIRED : 0,
    questions: [{ type: q.type, name: q.name, class: 'IN' }],
    additionals: q.edns
      ? [
          {
            type: 'OPT',
            name: '.',
            udpPayloadSize: EDNS_UDP_SIZE,
            extendedRcode: 0,
            ednsVersion: 0,
            flags: 0,
            flag_do: false,
            options: [],
          },
        ]
      : [],
  };
}

/** The answer belongs to our question: same id, a response, and the same name and type asked. */
function answersQuestion(packet: DecodedPacket, sent: Packet): boolean {
  const asked = sent.questions?.[0];
  const echoed = packet.questions?.[0];
  return (
    packet.id === sent.id &&
    packet.type === 'response' &&
    asked !== undefined &&
    echoed !== undefined &&
    echoed.type === asked.type &&
    sameName(echoed.name, asked.name)
  );
}

function text(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('utf8');
}

/** dns-packet's answer in the comparable shape of dns-types.ts; other types (OPT, RRSIG...) are dropped. */
export function toDnsRecord(answer: Answer): DnsRecord | undefined {
  const ttl = 'ttl' in answer && typeof answer.ttl === 'number' ? answer.ttl : 0;
  let data: DnsRecordData;
  switch (answer.type) {
    case 'A':
    case 'AAAA':
    case 'CNAME':
    case 'NS':
    case 'PTR':
      data = { type: answer.type, value: answer.data };
      break;
    case 'MX':
      data = { type: 'MX', preference: answer.data.preference ?? 0, exchange: answer.data.exchange };
      break;
    case 'TXT': {
      const parts = Array.isArray(answer.data) ? answer.data : [answer.data];
      data = { type: 'TXT', strings: parts.map(text) };
      break;
    }
    case 'SRV':
      data = {
        type: 'SRV',
        priority: answer.data.priority ?? 0,
        weight: answer.data.weight ?? 0,
        port: answer.data.port,
        target: answer.data.target,
      };
      break;
    case 'CAA':
      data = {
        type: 'CAA',
        flags: answer.data.flags ?? (answer.data.issuerCritical ? 128 : 0),
        tag: answer.data.tag,
        value: answer.data.value,
      };
      break;
    case 'SOA':
      data = {
        type: 'SOA',
        mname: answer.data.mname,
        rname: answer.data.rname,
        serial: answer.data.serial ?? 0,
        minimum: answer.data.minimum ?? 0,
      };
      break;
    default:
      return undefined;
  }
  return { name: answer.name, ttl, data };
}

function records(answers: Answer[] | undefined): DnsRecord[] {
  return (answers ?? []).map(toDnsRecord).filter((r): r is DnsRecord => r !== undefined);
}

function toResponse(packet: DecodedPacket, server: DnsServer, viaTcp: boolean, startedAt: number): DnsResponse {
  return {
    server,
    rcode: RCODES[(packet.flags ?? 0) & 0xf] ?? 'OTHER',
    authoritative: packet.flag_aa,
    answers: records(packet.answers),
    authorities: records(packet.authorities),
    viaTcp,
    elapsedMs: Date.now() - startedAt,
  };
}

interface Attempt {
  packet: DecodedPacket;
  truncated: boolean;
}

function failureOf(error: NodeJS.ErrnoException): DnsLookupFailure {
  return error.code === 'ECONNREFUSED' ? 'refused' : 'network';
}

function socketErrorText(error: NodeJS.ErrnoException): string {
  return error.code === 'ECONNREFUSED'
    ? `connection refused: nothing answers DNS there (${error.message})`
    : error.message;
}

/**
 * Sends over UDP and waits until `deadline`; sends the same query once more at `retransmitAt` when no
 * answer came yet (a lost packet, or a server that dropped the first). Datagrams that do not answer
 * the question (other id, other name, another sender) are ignored, as resolvers do.
 */
function askUdp(q: Question, deadline: number, retransmitAt: number, signal?: AbortSignal): Promise<Attempt> {
  const sent = queryPacket(q);
  const message = dnsPacket.encode(sent);
  const socket = dgram.createSocket(net.isIPv6(q.server.host) ? 'udp6' : 'udp4');
  return new Promise<Attempt>((resolve, reject) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.close();
      outcome();
    };
    const fail = (reason: DnsLookupFailure, text: string) =>
      finish(() => reject(new DnsLookupError(reason, q.server, describe(q), text)));
    const onAbort = () => fail('aborted', 'cancelled');
    if (signal?.aborted) return fail('aborted', 'cancelled before sending');
    signal?.addEventListener('abort', onAbort, { once: true });

    let connected = false;
    const send = () => {
      if (settled || !connected) return;
      socket.send(message, (error) => {
        if (error) fail(failureOf(error), socketErrorText(error));
      });
    };
    const wait = Math.max(0, deadline - Date.now());
    timers.push(setTimeout(() => fail('timeout', `no answer over UDP within ${wait} ms`), wait));
    timers.push(setTimeout(send, Math.max(0, retransmitAt - Date.now())));

    socket.on('error', (error) => fail(failureOf(error), socketErrorText(error)));
    socket.on('message', (reply) => {
      let packet: DecodedPacket;
      try {
        packet = dnsPacket.decode(reply);
      } catch {
        return; // not a DNS message: keep waiting for the real answer
      }
      if (!answersQuestion(packet, sent)) return;
      finish(() => resolve({ packet, truncated: packet.flag_tc }));
    });
    // connect() so the kernel only delivers the server's own datagrams and reports ICMP port unreachable
    socket.connect(q.server.port, q.server.host, () => {
      connected = true;
      send();
    });
  });
}

/** One TCP exchange (RFC 7766 length prefix), for answers too big for UDP. */
function askTcp(q: Question, deadline: number, signal?: AbortSignal): Promise<Attempt> {
  const sent = queryPacket(q);
  return new Promise<Attempt>((resolve, reject) => {
    const socket = net.connect({ host: q.server.host, port: q.server.port });
    let buffered = Buffer.alloc(0);
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      outcome();
    };
    const fail = (reason: DnsLookupFailure, text: string) =>
      finish(() => reject(new DnsLookupError(reason, q.server, describe(q), text)));
    const onAbort = () => fail('aborted', 'cancelled');
    const timer = setTimeout(
      () => fail('timeout', `no answer over TCP before the deadline`),
      Math.max(0, deadline - Date.now()),
    );
    if (signal?.aborted) return fail('aborted', 'cancelled before connecting');
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('connect', () => socket.write(dnsPacket.streamEncode(sent)));
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 2) return;
      const length = buffered.readUInt16BE(0);
      if (buffered.length < 2 + length) return;
      let packet: DecodedPacket;
      try {
        packet = dnsPacket.decode(buffered.subarray(2, 2 + length));
      } catch (error) {
        return fail('malformed', `undecodable TCP answer: ${(error as Error).message}`);
      }
      if (!answersQuestion(packet, sent)) return fail('malformed', 'the TCP answer does not match the question');
      finish(() => resolve({ packet, truncated: false }));
    });
    socket.on('end', () => fail('network', 'connection closed before a complete answer'));
    socket.on('error', (error: NodeJS.ErrnoException) => fail(failureOf(error), socketErrorText(error)));
  });
}

/**
 * UDP first; a truncated answer is asked again over TCP within the same deadline. `timeoutMs` bounds
 * the whole lookup: the UDP retransmission goes out halfway, and the first answer to either copy counts,
 * so a server that is merely slow (but within the timeout) still answers.
 */
async function lookup(q: Question, options: DnsQueryOptions): Promise<DnsResponse> {
  const startedAt = Date.now();
  const deadline = startedAt + options.timeoutMs;
  const retransmitAt = startedAt + Math.floor(options.timeoutMs / 2);
  let attempt = await askUdp(q, deadline, retransmitAt, options.signal);
  let viaTcp = false;
  if (attempt.truncated) {
    attempt = await askTcp(q, deadline, options.signal);
    viaTcp = true;
  }
  return toResponse(attempt.packet, q.server, viaTcp, startedAt);
}

/** The DnsQuery the checks use: UDP with EDNS, TCP on truncation, once more without EDNS on FORMERR. */
export function createDnsQuery(): DnsQuery {
  return async (server, name, type, options) => {
    if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0 || options.timeoutMs > 60_000) {
      throw new RangeError(`timeoutMs must be between 1 and 60000, got ${options.timeoutMs}`);
    }
    const question: Question = { server, name, type, recursionDesired: options.recursionDesired, edns: true };
    const startedAt = Date.now();
    const response = await lookup(question, options);
    if (response.rcode !== 'FORMERR') return response;
    // a server from before EDNS (RFC 6891 §7): ask the same question plainly, within what is left of the time
    const left = options.timeoutMs - (Date.now() - startedAt);
    if (left <= 0) return response;
    return lookup({ ...question, edns: false }, { ...options, timeoutMs: left });
  };
}
