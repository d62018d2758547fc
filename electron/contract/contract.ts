import { z } from 'zod';
import { AppInfoSchema, EmptySchema, SettingsPatchSchema, SettingsSchema } from './schemas.js';

/**
 * The one renderer<->main contract. Every call and every event is declared here with its
 * zod schemas; Electron IPC and the web-mode WebSocket carry exactly this and nothing else,
 * and both ends validate what crosses.
 */
function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const calls = {
  'app.info': call(EmptySchema, AppInfoSchema),
  'settings.get': call(EmptySchema, SettingsSchema),
  'settings.update': call(SettingsPatchSchema, SettingsSchema),
  /**
   * Streams `count` diagnostic.tick events to the caller through the event pipeline, honouring
   * backpressure. Used to check and measure the pipeline that later carries logs and progress.
   */
  'diagnostics.stream': call(
    z
      .object({
        streamId: z.string().min(1).max(64),
        count: z.number().int().min(1).max(200_000),
        payloadBytes: z.number().int().min(0).max(65_536),
      })
      .strict(),
    z.object({ sent: z.number().int() }),
  ),
} as const;

export const events = {
  'settings.changed': SettingsSchema,
  'diagnostics.tick': z.object({ streamId: z.string(), index: z.number().int(), payload: z.string() }),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
export type ParsedCallInput<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

export const CALL_NAMES = Object.keys(calls) as CallName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
