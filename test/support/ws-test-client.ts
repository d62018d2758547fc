import WebSocket from 'ws';
import type { CallInput, CallName, CallOutput } from '../../electron/contract/contract.js';
import type { CallResult, EventFrame, WsServerMessage } from '../../electron/contract/wire.js';
import { RPC_PATH, type RunningWebServer } from '../../electron/web/web-server.js';

/** Trades the printed token for the session cookie, the way a browser does on first visit. */
export async function sessionCookie(server: RunningWebServer): Promise<string> {
  const response = await fetch(server.url, { redirect: 'manual' });
  const setCookie = response.headers.get('set-cookie');
  if (response.status !== 303 || !setCookie) throw new Error(`token link refused: ${response.status}`);
  return setCookie.split(';')[0]!;
}

/** Opens the RPC socket with the given headers; resolves with the socket or the HTTP status that refused it. */
export function openSocket(
  server: RunningWebServer,
  headers: Record<string, string>,
): Promise<{ socket?: WebSocket; refusedWith?: number }> {
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}${RPC_PATH}`, { headers });
  return new Promise((resolve) => {
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => resolve({ refusedWith: response.statusCode }));
    socket.once('error', () => resolve({ refusedWith: -1 }));
  });
}

/** Signs in with the printed token link and opens the RPC socket, as the web page does; fails when refused. */
export async function openSignedInSocket(server: RunningWebServer): Promise<WebSocket> {
  const cookie = await sessionCookie(server);
  const { socket, refusedWith } = await openSocket(server, { Origin: server.origin, Cookie: cookie });
  if (!socket) throw new Error(`the RPC socket ${RPC_PATH} was refused (${refusedWith})`);
  return socket;
}

/** The value of a call that must succeed; an error envelope becomes a thrown Error naming the call, with the error's fields. */
export function valueOf<N extends CallName>(name: N, result: CallResult): CallOutput<N> {
  if (!result.ok) throw Object.assign(new Error(`${name} failed: ${JSON.stringify(result.error)}`), result.error);
  return result.value as CallOutput<N>;
}

/** Whatever makes contract calls that must succeed: the tests' client and the benchmarks'. */
export interface ContractCaller {
  callOk<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
}

/** A minimal contract client over a Node WebSocket; acknowledges events only when told to. */
export class TestRpcClient implements ContractCaller {
  private nextId = 0;
  private readonly pending = new Map<number, (result: CallResult) => void>();
  readonly frames: EventFrame[] = [];

  constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as WsServerMessage;
      if (message.type === 'result') {
        this.pending.get(message.id)?.(message.result);
        this.pending.delete(message.id);
      } else {
        this.frames.push(message.frame);
      }
    });
  }

  call(name: string, input: unknown): Promise<CallResult> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ type: 'call', id, name, input }));
    });
  }

  /** A call that must succeed, typed by the contract: its output, or a throw with the app's error. */
  async callOk<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    return valueOf(name, await this.call(name, input));
  }

  ack(seq: number): void {
    this.socket.send(JSON.stringify({ type: 'ack', seq }));
  }

  get rawSocket(): WebSocket {
    return this.socket;
  }

  close(): void {
    this.socket.close();
  }
}

/** A TestRpcClient signed in the way a browser is. */
export async function openTestClient(server: RunningWebServer): Promise<TestRpcClient> {
  return new TestRpcClient(await openSignedInSocket(server));
}
