// A tiny DNS server for tests (dns-packet over UDP and TCP on one loopback port): each test decides how it
// answers, drops, truncates, or answers stale data. In the integration tests it stands in for the parts of
// the DNS the world has no real server for: a caching public resolver still holding an old answer, or a
// second authoritative server that serves different data.
import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket, RecordType } from 'dns-packet';
import type { DnsServer } from '../../common/dns/dns-types.js';

export interface FakeQuestion {
  id: number;
  name: string;
  type: RecordType;
  recursionDesired: boolean;
  edns: boolean;
  transport: 'udp' | 'tcp';
}

export interface FakeReply {
  rcode?: 'NOERROR' | 'FORMERR' | 'SERVFAIL' | 'NXDOMAIN' | 'NOTIMP' | 'REFUSED';
  authoritative?: boolean;
  truncated?: boolean;
  answers?: Answer[];
  authorities?: Answer[];
  /** Answer with another id (a late or forged datagram). */
  id?: number;
  /** Echo another question name (a forged answer). */
  questionName?: string;
  delayMs?: number;
}

/** 'drop' stays silent; raw bytes are sent as they are. */
export type FakeHandler = (
  question: FakeQuestion,
) => FakeReply | 'drop' | Buffer | Promise<FakeReply | 'drop' | Buffer>;

export interface FakeDnsServer {
  server: DnsServer;
  questions: FakeQuestion[];
  close(): Promise<void>;
}

const RCODE_NUMBERS = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

function encodeReply(query: DecodedPacket, reply: FakeReply): Buffer {
  const flags =
    RCODE_NUMBERS[reply.rcode ?? 'NOERROR'] |
    (reply.authoritative === false ? 0 : dnsPacket.AUTHORITATIVE_ANSWER) |
    (reply.truncated ? dnsPacket.TRUNCATED_RESPONSE : 0) |
    (query.flag_rd ? dnsPacket.RECURSION_DESIRED : 0);
  const questions = (query.questions ?? []).map((q) => ({ ...q, name: reply.questionName ?? q.name }));
  return dnsPacket.encode({
    type: 'response',
    id: reply.id ?? query.id,
    flags,
    questions,
    answers: reply.truncated ? [] : (reply.answers ?? []),
    authorities: reply.authorities ?? [],
  });
}

async function respond(
  handler: FakeHandler,
  questions: FakeQuestion[],
  message: Buffer,
  transport: 'udp' | 'tcp',
): Promise<Buffer | undefined> {
  let query: DecodedPacket;
  try {
    query = dnsPacket.decode(message);
  } catch {
    return undefined;
  }
  const [first] = query.questions ?? [];
  if (!first) return undefined;
  const question: FakeQuestion = {
    id: query.id ?? 0,
    name: first.name,
    type: first.type,
    recursionDesired: query.flag_rd,
    edns: (query.additionals ?? []).some((a) => a.type === 'OPT'),
    transport,
  };
  questions.push(question);
  const reply = await handler(question);
  if (reply === 'drop') return undefined;
  if (Buffer.isBuffer(reply)) return reply;
  if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
  return encodeReply(query, reply);
}

function listenTcp(port: number, onConnection: (socket: net.Socket) => void): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const tcp = net.createServer(onConnection);
    tcp.once('error', () => resolve(undefined));
    tcp.listen(port, '127.0.0.1', () => resolve(tcp));
  });
}

/** Starts on 127.0.0.1, UDP and TCP on the same free port. */
export async function startFakeDnsServer(handler: FakeHandler): Promise<FakeDnsServer> {
  const questions: FakeQuestion[] = [];
  const connections = new Set<net.Socket>();
  const onConnection = (socket: net.Socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    let buffered = Buffer.alloc(0);
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const message = buffered.subarray(2, 2 + buffered.readUInt16BE(0));
        buffered = buffered.subarray(2 + message.length);
        void respond(handler, questions, message, 'tcp').then((reply) => {
          if (!reply || socket.destroyed) return;
          const length = Buffer.alloc(2);
          length.writeUInt16BE(reply.length);
          socket.write(Buffer.concat([length, reply]));
        });
      }
    });
  };
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    const port = udp.address().port;
    const tcp = await listenTcp(port, onConnection);
    if (!tcp) {
      udp.close();
      continue; // that TCP port is taken: try another pair
    }
    udp.on('message', (message, from) => {
      void respond(handler, questions, message, 'udp').then((reply) => {
        if (reply) udp.send(reply, from.port, from.address);
      });
    });
    return {
      server: { host: '127.0.0.1', port },
      questions,
      close: () =>
        new Promise<void>((resolve) => {
          udp.close();
          for (const socket of connections) socket.destroy();
          tcp.close(() => resolve());
        }),
    };
  }
  throw new Error('no free port pair for the fake DNS server after 20 tries');
}
