import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../common/errors/app-error.js';
import type { DockerEngine, EngineEvent } from '../docker/docker-engine.js';
import { JsonStreamDecoder } from '../docker/json-stream.js';

/** The container events the dashboard reacts to; exec_* (every healthcheck probe) are left out. */
export const CONTAINER_ACTIONS = [
  'create',
  'start',
  'restart',
  'die',
  'kill',
  'stop',
  'pause',
  'unpause',
  'destroy',
  'rename',
  'oom',
  // The engine matches it as a prefix of "health_status: healthy" (and unhealthy, starting).
  'health_status',
] as const;

/** Consecutive failed connections before the follow gives up; with the backoff about two minutes. */
const MAX_ATTEMPTS = 40;
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 3_000;
/** A connection that lasted this long counts as healthy: the next failure starts the backoff again. */
const STABLE_MS = 10_000;

export interface EventFeedOptions {
  engine: DockerEngine;
  signal: AbortSignal;
  /** Replay buffered events from this time (seconds since the epoch) on the first connection. */
  since?: number;
  onEvent(event: EngineEvent): void;
  /** Events delivered before (by replayEvents): not delivered again. */
  seen?: RecentEvents;
  /** 'connected' once subscribed (first time and after each loss), 'lost' when the stream broke. */
  onState?(state: 'connected' | 'lost', attempt: number): void | Promise<void>;
}

/** The container's name without the leading "/", from an event's actor. */
export function eventContainerName(event: EngineEvent): string | undefined {
  return event.Actor?.Attributes?.name;
}

/** "health_status: healthy" -> health_status; other actions as they are. */
export function eventAction(event: EngineEvent): string {
  const action = event.Action ?? '';
  const colon = action.indexOf(':');
  return colon < 0 ? action : action.slice(0, colon);
}

/**
 * Follows the engine's container events until the signal aborts, reconnecting (bounded, with
 * backoff) when the engine goes away, e.g. while dockerd restarts. A reconnect replays from the
 * last event's second, and what was already delivered is recognised and not delivered twice.
 * Throws stack.dockerNotRunning when the engine stays away.
 */
export async function followEngineEvents(options: EventFeedOptions): Promise<void> {
  const { engine, signal } = options;
  const seen = options.seen ?? new RecentEvents();
  let since = options.since;
  let failures = 0;
  let lastError = '';
  while (!signal.aborted) {
    const connectedAt = Date.now();
    try {
      const query = {
        since: since === undefined ? undefined : Math.floor(since),
        filters: JSON.stringify({ type: ['container'], event: CONTAINER_ACTIONS }),
      };
      const response = await engine.openStream('/events', query, signal);
      await options.onState?.('connected', failures);
      const decoder = new JsonStreamDecoder();
      for await (const chunk of response) {
        for (const value of decoder.push(chunk as Buffer)) {
          const event = value as EngineEvent;
          if (!seen.firstTime(event)) continue;
          if (event.time !== undefined) since = event.time;
          options.onEvent(event);
        }
      }
      lastError = 'the event stream ended';
    } catch (error) {
      if (signal.aborted) return;
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (signal.aborted) return;
    // Without any event yet, a reconnect replays from when the follow began.
    since ??= connectedAt / 1000;
    failures = Date.now() - connectedAt > STABLE_MS ? 1 : failures + 1;
    if (failures > MAX_ATTEMPTS) {
      throw new AppError('stack.dockerNotRunning', {
        detail: `lost the Docker engine's event stream and could not reconnect ${MAX_ATTEMPTS} times: ${lastError}`,
        retryable: true,
      });
    }
    await options.onState?.('lost', failures);
    const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (failures - 1));
    await sleep(backoff, undefined, { signal }).catch(() => undefined);
  }
}

/** The buffered events between two times (seconds), for restart counts before a follow began; bounded in time. */
export async function replayEvents(
  engine: DockerEngine,
  range: { since: number; until: number },
  signal: AbortSignal,
  onEvent: (event: EngineEvent) => void,
  seen = new RecentEvents(),
): Promise<void> {
  const timeout = AbortSignal.any([signal, AbortSignal.timeout(10_000)]);
  const query = {
    since: Math.floor(range.since),
    until: Math.ceil(range.until),
    filters: JSON.stringify({ type: ['container'], event: CONTAINER_ACTIONS }),
  };
  const response = await engine.openStream('/events', query, timeout);
  const decoder = new JsonStreamDecoder();
  try {
    for await (const chunk of response) {
      for (const value of decoder.push(chunk as Buffer)) {
        if (seen.firstTime(value as EngineEvent)) onEvent(value as EngineEvent);
      }
    }
  } finally {
    response.destroy();
  }
}

/**
 * The events of the last few seconds, by identity, so a replay after a reconnect (which starts
 * at a whole second) drops what was delivered already. Bounded by time and count.
 */
export class RecentEvents {
  private readonly keys = new Map<string, number>();

  firstTime(event: EngineEvent): boolean {
    const key = `${event.timeNano ?? event.time}|${event.Action}|${event.Actor?.ID}`;
    if (this.keys.has(key)) return false;
    const time = event.time ?? 0;
    this.keys.set(key, time);
    if (this.keys.size > 512) {
      for (const [old, at] of this.keys) if (at < time - 2 || this.keys.size > 1024) this.keys.delete(old);
    }
    return true;
  }
}
