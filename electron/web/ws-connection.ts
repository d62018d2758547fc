import type { WebSocket } from 'ws';
import { WsClientMessageSchema, type WsServerMessage } from '../contract/wire.js';
import { EventChannel } from '../rpc/event-channel.js';
import type { EventHub } from '../rpc/event-hub.js';
import { dispatchCall, type Handlers } from '../rpc/dispatch.js';

/** Serves the contract to one authenticated WebSocket: calls in, results and events out. */
export function serveContractOverWebSocket(socket: WebSocket, handlers: Handlers, hub: EventHub): void {
  const send = (message: WsServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const events = new EventChannel((frame) => send({ type: 'event', frame }));
  const leaveHub = hub.add(events);

  socket.on('message', (data, isBinary) => {
    let message;
    try {
      if (isBinary) throw new Error('binary');
      message = WsClientMessageSchema.parse(JSON.parse(data.toString()));
    } catch {
      socket.close(1003, 'messages must be contract JSON');
      return;
    }
    if (message.type === 'ack') {
      events.ack(message.seq);
      return;
    }
    const { id, name, input } = message;
    void dispatchCall(handlers, name, input, { events }).then((result) => send({ type: 'result', id, result }));
  });

  socket.on('close', () => {
    leaveHub();
    events.close();
  });
}
