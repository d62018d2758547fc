import net from 'node:net';

const POLL_MS = 250;
const CONNECT_TIMEOUT_MS = 1_000;

/**
 * Measures how long the SMTP port does not answer while containers are replaced: a TCP connect
 * and its greeting every 250 ms, from 127.0.0.1. The longest unbroken run of failures is the
 * downtime a sending server saw (it retries later; nothing is lost, but it is what we minimise).
 */
export function watchMailDowntime(port: number, host = '127.0.0.1'): { stop(): Promise<number> } {
  let stopped = false;
  let longest = 0;
  let downSince: number | undefined;
  const loop = (async () => {
    while (!stopped) {
      const started = Date.now();
      const up = await greets(host, port);
      const now = Date.now();
      if (up) {
        if (downSince !== undefined) longest = Math.max(longest, now - downSince);
        downSince = undefined;
      } else downSince ??= started;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, POLL_MS - (Date.now() - started))));
    }
    if (downSince !== undefined) longest = Math.max(longest, Date.now() - downSince);
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return longest;
    },
  };
}

function greets(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), CONNECT_TIMEOUT_MS);
    socket.once('data', (chunk: Buffer) => done(chunk.toString('latin1').startsWith('220')));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
  });
}
