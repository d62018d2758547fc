// A slow nameserver for benchmarks and timeout tests: answers UDP and TCP queries on loopback by asking the
// world's knot, then holding each answer until `delayMs` has passed since the query arrived. It forwards
// only to knot on loopback (never anywhere else). The delay is re-read from a small JSON settings file
// whenever that file changes, so tests switch it without restarting the daemon.
//
// Run: tsx slow-forwarder.ts --port 5354 --upstream-port 5353 --settings /path/slow-forwarder.json
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import { parseArgs } from 'node:util';
import dnsPacket from 'dns-packet';

const LISTEN = '127.0.0.1';
const UPSTREAM = '127.0.0.1';
const UPSTREAM_TIMEOUT_MS = 5000;
const MAX_TCP_MESSAGE = 65535;

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'upstream-port': { type: 'string' },
    settings: { type: 'string' },
  },
  strict: true,
});
const port = Number(values.port);
const upstreamPort = Number(values['upstream-port']);
const settingsFile = values.settings;
if (!Number.isInteger(port) || !Number.isInteger(upstreamPort) || !settingsFile) {
  console.error('usage: slow-forwarder.ts --port N --upstream-port N --settings FILE');
  process.exit(2);
}

let cachedDelay = { mtimeMs: -1, delayMs: 0 };
function currentDelayMs(): number {
  try {
    const stat = fs.statSync(settingsFile!);
    if (stat.mtimeMs !== cachedDelay.mtimeMs) {
      const parsed = JSON.parse(fs.readFileSync(settingsFile!, 'utf8')) as { delayMs?: unknown };
      const delayMs = typeof parsed.delayMs === 'number' && parsed.delayMs >= 0 ? parsed.delayMs : 0;
      cachedDelay = { mtimeMs: stat.mtimeMs, delayMs };
    }
  } catch (err) {
    console.error(`settings ${settingsFile}: ${(err as Error).message}; keeping ${cachedDelay.delayMs} ms`);
  }
  return cachedDelay.delayMs;
}

/** SERVFAIL for a query we could not get answered upstream. */
function servfail(query: Buffer): Buffer | undefined {
  try {
    const q = dnsPacket.decode(query);
    return dnsPacket.encode({ type: 'response', id: q.id, flags: 2, questions: q.questions ?? [] });
  } catch {
    return undefined; // not even a DNS message: stay silent like a real server would
  }
}

function askUpstreamUdp(query: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('upstream timeout'));
    }, UPSTREAM_TIMEOUT_MS);
    socket.on('message', (msg) => {
      clearTimeout(timer);
      socket.close();
      resolve(msg);
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      socket.close();
      reject(err);
    });
    socket.send(query, upstreamPort, UPSTREAM);
  });
}

function askUpstreamTcp(query: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: UPSTREAM, port: upstreamPort });
    let buffered = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('upstream timeout'));
    }, UPSTREAM_TIMEOUT_MS);
    socket.on('connect', () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(query.length);
      socket.write(Buffer.concat([length, query]));
    });
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(buffered.subarray(2, 2 + buffered.readUInt16BE(0)));
      }
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** Forwards, then waits out the rest of the delay counted from when the query arrived. */
async function answerSlowly(query: Buffer, ask: (q: Buffer) => Promise<Buffer>): Promise<Buffer | undefined> {
  const arrived = Date.now();
  const delayMs = currentDelayMs();
  let reply: Buffer | undefined;
  try {
    reply = await ask(query);
  } catch {
    reply = servfail(query);
  }
  const remaining = delayMs - (Date.now() - arrived);
  if (remaining > 0) await new Promise((r) => setTimeout(r, remaining));
  return reply;
}

const udp = dgram.createSocket('udp4');
udp.on('message', (query, rinfo) => {
  void answerSlowly(query, askUpstreamUdp).then((reply) => {
    if (reply) udp.send(reply, rinfo.port, rinfo.address);
  });
});

const tcp = net.createServer((conn) => {
  let buffered = Buffer.alloc(0);
  conn.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    if (buffered.length > 2 + MAX_TCP_MESSAGE) return conn.destroy();
    while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
      const length = buffered.readUInt16BE(0);
      const query = buffered.subarray(2, 2 + length);
      buffered = buffered.subarray(2 + length);
      void answerSlowly(query, askUpstreamTcp).then((reply) => {
        if (!reply || conn.destroyed) return;
        const prefix = Buffer.alloc(2);
        prefix.writeUInt16BE(reply.length);
        conn.write(Buffer.concat([prefix, reply]));
      });
    }
  });
  conn.on('error', () => conn.destroy());
});

udp.bind(port, LISTEN, () => {
  tcp.listen(port, LISTEN, () => {
    console.log(
      `slow forwarder on ${LISTEN}:${port} (udp+tcp) -> ${UPSTREAM}:${upstreamPort}, delay ${currentDelayMs()} ms`,
    );
  });
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    udp.close();
    tcp.close();
    process.exit(0);
  });
}
