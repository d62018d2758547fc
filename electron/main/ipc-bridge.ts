import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { AppError } from '../../common/errors/app-error.js';
import { IPC_ACK, IPC_EVENT, IPC_INVOKE, type CallResult } from '../contract/wire.js';
import { EventChannel } from '../rpc/event-channel.js';
import type { EventHub } from '../rpc/event-hub.js';
import { dispatchCall, type Handlers } from '../rpc/dispatch.js';
import { isAppUrl } from '../security/navigation-policy.js';

/**
 * Serves the contract over Electron IPC. Only the top frame of our own renderer may call: a
 * message from any other frame or origin is refused before its payload is even looked at.
 */
export function serveContractOverIpc(handlers: Handlers, hub: EventHub): void {
  const channels = new Map<number, EventChannel>();

  const channelFor = (contents: WebContents): EventChannel => {
    let channel = channels.get(contents.id);
    if (!channel) {
      const created = new EventChannel((frame) => {
        if (!contents.isDestroyed()) contents.send(IPC_EVENT, frame);
      });
      channel = created;
      channels.set(contents.id, created);
      const leaveHub = hub.add(created);
      contents.once('destroyed', () => {
        leaveHub();
        created.close();
        channels.delete(contents.id);
      });
    }
    return channel;
  };

  ipcMain.handle(IPC_INVOKE, async (event: IpcMainInvokeEvent, message: unknown): Promise<CallResult> => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: new AppError('transport.refused', { detail: 'untrusted sender frame' }).toData() };
    }
    const { name, input } = (message ?? {}) as { name?: unknown; input?: unknown };
    return dispatchCall(handlers, name, input, { events: channelFor(event.sender) });
  });

  ipcMain.on(IPC_ACK, (event: IpcMainEvent, seq: unknown) => {
    if (!isTrustedSender(event) || typeof seq !== 'number') return;
    channels.get(event.sender.id)?.ack(seq);
  });
}

function isTrustedSender(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}
