// One request handler on several addresses, over HTTP and optionally HTTPS (a world-CA certificate), in
// one process: the world's Node daemons serve loopback (host tests) and the gateway (VPSes) this way.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';

export interface ListenSpec {
  addresses: readonly string[];
  port: number;
  /** HTTPS on tlsPort too, when given */
  tls?: { port: number; certPath: string; keyPath: string };
}

function listenOne(server: http.Server, address: string, port: number): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve(server));
  });
}

export async function listenEverywhere(handler: http.RequestListener, spec: ListenSpec): Promise<http.Server[]> {
  const servers: Promise<http.Server>[] = [];
  for (const address of spec.addresses) {
    servers.push(listenOne(http.createServer(handler), address, spec.port));
    if (spec.tls) {
      const options = { cert: fs.readFileSync(spec.tls.certPath), key: fs.readFileSync(spec.tls.keyPath) };
      servers.push(listenOne(https.createServer(options, handler), address, spec.tls.port));
    }
  }
  return Promise.all(servers);
}

export function describeListeners(spec: ListenSpec): string {
  const plain = spec.addresses.map((a) => `http://${a}:${spec.port}`);
  const tls = spec.tls ? spec.addresses.map((a) => `https://${a}:${spec.tls?.port}`) : [];
  return [...plain, ...tls].join(', ');
}

/** Closes every listener and exits on SIGTERM/SIGINT (what stopDaemon sends). */
export function closeOnSignals(servers: readonly http.Server[]): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      for (const server of servers) server.close();
      process.exit(0);
    });
  }
}
