import { z } from 'zod';
import { ErrorDataSchema } from '../../common/errors/app-error.js';

/**
 * What travels on either transport. Calls answer with a result envelope so that an error is a
 * value with a code, never a thrown string that loses its meaning across the boundary.
 */
export const CallResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorDataSchema }),
]);
export type CallResult = z.infer<typeof CallResultSchema>;

export const EventFrameSchema = z.object({
  seq: z.number().int().nonnegative(),
  name: z.string(),
  payload: z.unknown(),
});
export type EventFrame = z.infer<typeof EventFrameSchema>;

/** Electron IPC channel names (the preload uses exactly these). */
export const IPC_INVOKE = 'mailharbor:invoke';
export const IPC_EVENT = 'mailharbor:event';
export const IPC_ACK = 'mailharbor:ack';

/** WebSocket messages, client to server and server to client. */
export const WsClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call'), id: z.number().int().nonnegative(), name: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('ack'), seq: z.number().int().nonnegative() }),
]);
export type WsClientMessage = z.infer<typeof WsClientMessageSchema>;

export type WsServerMessage = { type: 'result'; id: number; result: CallResult } | { type: 'event'; frame: EventFrame };

/** How often (in frames) a client acknowledges what it has handled, at the latest. */
export const ACK_EVERY_FRAMES = 64;

/** What the preload exposes on `window.mailharbor`: the contract and nothing else. */
export interface MailharborBridge {
  invoke(name: string, input: unknown): Promise<CallResult>;
  onEvent(listener: (frame: EventFrame) => void): () => void;
  ack(seq: number): void;
}
