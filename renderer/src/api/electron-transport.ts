import type { MailharborBridge } from '../../../electron/contract/wire';
import type { Transport } from './transport';

declare global {
  interface Window {
    mailharbor?: MailharborBridge;
  }
}

/** The preload's bridge, present only inside the desktop app. */
export function electronTransport(): Transport | undefined {
  const bridge = window.mailharbor;
  if (!bridge) return undefined;
  return {
    invoke: (name, input) => bridge.invoke(name, input),
    onEvent: (listener) => bridge.onEvent(listener),
    ack: (seq) => bridge.ack(seq),
  };
}
