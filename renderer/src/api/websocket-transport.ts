import type { CallResult, EventFrame, WsClientMessage, WsServerMessage } from '../../../electron/contract/wire';
import type { Transport } from './transport';

const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000];

interface PendingCall {
  resolve: (result: CallResult) => void;
}

/**
 * Web mode's transport: one WebSocket to the page's own origin (the session cookie set by the
 * token link authenticates it). Calls made while it (re)connects wait in a queue; calls in flight
 * when it drops come back as a retryable "disconnected" error rather than hanging.
 */
export function websocketTransport(url = defaultUrl()): Transport {
  const listeners = new Set<(frame: EventFrame) => void>();
  const reconnectListeners = new Set<() => void>();
  let opened = 0;
  const pending = new Map<number, PendingCall>();
  const queue: WsClientMessage[] = [];
  let nextId = 0;
  let socket: WebSocket | undefined;
  let attempt = 0;

  const connect = () => {
    const current = new WebSocket(url);
    socket = current;
    current.onopen = () => {
      attempt = 0;
      for (const message of queue.splice(0)) current.send(JSON.stringify(message));
      if (opened++ > 0) for (const listener of reconnectListeners) listener();
    };
    current.onmessage = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as WsServerMessage;
      if (message.type === 'result') {
        pending.get(message.id)?.resolve(message.result);
        pending.delete(message.id);
      } else {
        for (const listener of listeners) listener(message.frame);
      }
    };
    current.onclose = () => {
      for (const [id, call] of pending) {
        call.resolve({ ok: false, error: { code: 'transport.disconnected', params: {}, retryable: true } });
        pending.delete(id);
      }
      const delay = RECONNECT_DELAYS_MS[Math.min(attempt++, RECONNECT_DELAYS_MS.length - 1)];
      setTimeout(connect, delay);
    };
  };

  const send = (message: WsClientMessage) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    else queue.push(message);
  };

  connect();

  return {
    invoke(name, input) {
      const id = nextId++;
      return new Promise<CallResult>((resolve) => {
        pending.set(id, { resolve });
        send({ type: 'call', id, name, input });
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    ack(seq) {
      // Acks are only meaningful on the socket that delivered the events.
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'ack', seq }));
    },
  };
}

function defaultUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/rpc`;
}
