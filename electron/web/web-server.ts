import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { SECURITY_HEADERS } from '../security/content-security-policy.js';
import type { EventHub } from '../rpc/event-hub.js';
import type { Handlers } from '../rpc/dispatch.js';
import { createAccessToken, readCookie, sessionCookieName, tokensMatch } from './access-token.js';
import { resolveStaticFile } from './static-files.js';
import { serveContractOverWebSocket } from './ws-connection.js';

export const RPC_PATH = '/rpc';

export interface WebServerOptions {
  handlers: Handlers;
  hub: EventHub;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Tests may fix the token; a normal run makes a fresh one. */
  token?: string;
}

export interface RunningWebServer {
  url: string;
  origin: string;
  port: number;
  token: string;
  cookieName: string;
  close: () => Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * Web mode: the main-process services over HTTP and a WebSocket on 127.0.0.1 only. The printed
 * URL carries a per-run token; the first request trades it for an HttpOnly cookie, and every
 * other request and the WebSocket need that cookie. Requests naming another host (DNS rebinding)
 * and sockets opened from another origin are refused.
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? createAccessToken();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${HOST}:${port}`;
  const allowedHosts = new Set([`${HOST}:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([origin, `http://localhost:${port}`]);
  const cookieName = sessionCookieName(port);

  const hasSession = (request: IncomingMessage) => tokensMatch(token, readCookie(request.headers.cookie, cookieName));

  server.on('request', (request, response) => {
    void handleHttp(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts.has(request.headers.host ?? '')) return refuse(response, 421, 'Unknown host.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed.');
    const url = new URL(request.url ?? '/', origin);
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!tokensMatch(token, offered)) return refuse(response, 403, 'This link is not valid for this run.');
      url.searchParams.delete('token');
      response.writeHead(303, {
        'Set-Cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: `${url.pathname}${url.search}`,
        'Cache-Control': 'no-store',
      });
      response.end();
      return;
    }
    if (!hasSession(request)) {
      return refuse(response, 401, 'Open the link that `npm run web` printed: it carries the access token.');
    }
    const file = await resolveStaticFile(options.rendererDir, url.pathname);
    if (!file) return refuse(response, 404, 'Not found.');
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', origin);
    const authorised =
      url.pathname === RPC_PATH &&
      allowedHosts.has(request.headers.host ?? '') &&
      allowedOrigins.has(request.headers.origin ?? '') &&
      hasSession(request);
    if (!authorised) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveContractOverWebSocket(ws, options.handlers, options.hub));
  });

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    cookieName,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(`${message}\n`);
}
