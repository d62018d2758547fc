import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isCallName } from '../contract/contract.js';
import {
  IPC_ACK,
  IPC_EVENT,
  IPC_INVOKE,
  type CallResult,
  type EventFrame,
  type MailharborBridge,
} from '../contract/wire.js';

/**
 * Exposes exactly the contract to the renderer, nothing of Node or Electron: invoke a declared
 * call, receive events, acknowledge handled events. Main validates everything again.
 */
const bridge: MailharborBridge = {
  invoke(name: string, input: unknown): Promise<CallResult> {
    if (!isCallName(name)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'contract.unknownChannel', params: { name: String(name).slice(0, 80) }, retryable: false },
      });
    }
    return ipcRenderer.invoke(IPC_INVOKE, { name, input }) as Promise<CallResult>;
  },
  onEvent(listener: (frame: EventFrame) => void): () => void {
    const wrapped = (_event: IpcRendererEvent, frame: EventFrame) => listener(frame);
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => ipcRenderer.removeListener(IPC_EVENT, wrapped);
  },
  ack(seq: number): void {
    if (Number.isInteger(seq) && seq >= 0) ipcRenderer.send(IPC_ACK, seq);
  },
};

contextBridge.exposeInMainWorld('mailharbor', bridge);
