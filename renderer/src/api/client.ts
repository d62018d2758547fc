import { AppError, type ErrorData } from '../../../common/errors/app-error';
import {
  calls,
  events,
  type CallInput,
  type CallName,
  type CallOutput,
  type EventName,
  type EventPayload,
} from '../../../electron/contract/contract';
import { ACK_EVERY_FRAMES, type EventFrame } from '../../../electron/contract/wire';
import type { Transport } from './transport';

type Listener<K extends EventName> = (payload: EventPayload<K>) => void;

export interface ContractClient {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  on<K extends EventName>(name: K, listener: Listener<K>): () => void;
  /** Called after a lost connection to main is back; state kept from events should be read again. */
  onReconnect(listener: () => void): () => void;
}

/**
 * The typed face of the contract for the renderer. It validates what comes back (both sides
 * check), turns error envelopes into AppError, and acknowledges events once listeners have
 * handled them, which is what lets main apply backpressure.
 */
export function createClient(transport: Transport): ContractClient {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let lastSeq = -1;
  let unacked = 0;
  let ackScheduled = false;

  const flushAck = () => {
    ackScheduled = false;
    if (unacked > 0) {
      unacked = 0;
      transport.ack(lastSeq);
    }
  };

  transport.onEvent((frame: EventFrame) => {
    const schema = events[frame.name as EventName];
    const parsed = schema?.safeParse(frame.payload);
    if (parsed?.success) {
      for (const listener of listeners.get(frame.name) ?? []) listener(parsed.data);
    } else {
      console.warn(`Ignored an event that does not match the contract: ${frame.name}`);
    }
    lastSeq = frame.seq;
    unacked++;
    if (unacked >= ACK_EVERY_FRAMES) flushAck();
    else if (!ackScheduled) {
      ackScheduled = true;
      setTimeout(flushAck, 0);
    }
  });

  return {
    async call(name, input) {
      const result = await transport.invoke(name, input);
      if (!result.ok) throw errorFrom(result.error);
      const parsed = calls[name].output.safeParse(result.value);
      if (!parsed.success) {
        throw new AppError('contract.invalidOutput', { params: { name }, detail: parsed.error.message });
      }
      return parsed.data as CallOutput<typeof name>;
    },
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    onReconnect(listener) {
      return transport.onReconnect?.(listener) ?? (() => undefined);
    },
  };
}

/** The error as main sent it; a code this version does not know is kept as it came. */
function errorFrom(data: ErrorData): Error {
  return AppError.fromData(data);
}
