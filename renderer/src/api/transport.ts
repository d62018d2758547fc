import type { CallResult, EventFrame } from '../../../electron/contract/wire';

/** How the renderer reaches main: Electron IPC in the app, a WebSocket in web mode. Nothing above this can tell which. */
export interface Transport {
  invoke(name: string, input: unknown): Promise<CallResult>;
  onEvent(listener: (frame: EventFrame) => void): () => void;
  ack(seq: number): void;
  /** After the connection to main was lost and made again: events sent meanwhile were missed. Electron IPC never drops. */
  onReconnect?(listener: () => void): () => void;
}
