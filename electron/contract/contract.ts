import type { z } from 'zod';
import { appCalls, appEvents } from './app-calls.js';
import { backupsCalls } from './backups-calls.js';
import { dashboardCalls, dashboardEvents } from './dashboard-calls.js';
import { dnsCalls } from './dns-calls.js';
import { forwardedCalls } from './forwarded-calls.js';
import { jobsCalls, jobsEvents } from './jobs-calls.js';
import { serversCalls, serversEvents } from './servers-calls.js';
import { setupCalls } from './setup-calls.js';
import { shellCalls, shellEvents } from './shell-calls.js';
import { streamCalls } from './stream-calls.js';
import { updatesCalls } from './updates-calls.js';

/**
 * The one renderer<->main contract, assembled from a file per feature. Every call and every event
 * is declared there with its zod schemas (the agent's pass-through methods are derived from the
 * agent's contract: forwarded-calls.ts); Electron IPC and the web-mode WebSocket carry exactly
 * this and nothing else, and both ends validate what crosses.
 */
export const calls = {
  ...appCalls,
  ...serversCalls,
  ...jobsCalls,
  ...setupCalls,
  ...dnsCalls,
  ...dashboardCalls,
  ...shellCalls,
  ...streamCalls,
  ...backupsCalls,
  ...updatesCalls,
  ...forwardedCalls,
} as const;

export const events = {
  ...appEvents,
  ...serversEvents,
  ...jobsEvents,
  ...dashboardEvents,
  ...shellEvents,
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
