// The renderer's side of the contract for benchmarks: a WebSocket client that validates every event
// against the contract and acknowledges it the way renderer/src/api/client.ts does (at the latest
// every ACK_EVERY_FRAMES frames, else on the next turn of the event loop), so main's flow control
// sees a window that keeps up exactly as fast as this process handles events. Unlike the tests'
// TestRpcClient it keeps no frames: listeners count what they need, so 100,000s of lines cost nothing.
import type WebSocket from 'ws';
import { events, type EventName, type EventPayload } from '../../electron/contract/contract.js';
import { ACK_EVERY_FRAMES, type CallResult, type WsServerMessage } from '../../electron/contract/wire.js';
import type { RunningWebServer } from '../../electron/web/web-server.js';
import { openSignedInSocket, valueOf, type ContractCaller } from '../../test/support/ws-test-client.js';

type Listener = (payload: unknown) => void;

export class BenchRpcClient implements ContractCaller {
  private nextId = 0;
  private readonly pending = new Map<number, (result: CallResult) => void>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private lastSeq = -1;
  private unacked = 0;
  private ackScheduled = false;
  /** Events that did not match the contract (the renderer ignores them with a warning). */
  invalidEvents = 0;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as WsServerMessage;
      if (message.type === 'result') {
        this.pending.get(message.id)?.(message.result);
        this.pending.delete(message.id);
        return;
      }
      const { frame } = message;
      const parsed = events[frame.name as EventName]?.safeParse(frame.payload);
      if (parsed?.success) for (const listener of this.listeners.get(frame.name) ?? []) listener(parsed.data);
      else this.invalidEvents++;
      this.lastSeq = frame.seq;
      this.unacked++;
      if (this.unacked >= ACK_EVERY_FRAMES) this.flushAck();
      else if (!this.ackScheduled) {
        this.ackScheduled = true;
        setTimeout(() => this.flushAck(), 0);
      }
    });
  }

  /** Signs in with the printed token link and opens the RPC socket, as the web page does. */
  static async open(server: RunningWebServer): Promise<BenchRpcClient> {
    return new BenchRpcClient(await openSignedInSocket(server));
  }

  /** One call; an error envelope becomes a thrown Error naming the call and the code. */
  readonly callOk: ContractCaller['callOk'] = async (name, input) => {
    const id = this.nextId++;
    const result = await new Promise<CallResult>((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ type: 'call', id, name, input }));
    });
    return valueOf(name, result);
  };

  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    const untyped = listener as Listener;
    set.add(untyped);
    return () => set.delete(untyped);
  }

  close(): void {
    this.socket.close();
  }

  private flushAck(): void {
    this.ackScheduled = false;
    if (this.unacked === 0) return;
    this.unacked = 0;
    this.socket.send(JSON.stringify({ type: 'ack', seq: this.lastSeq }));
  }
}
