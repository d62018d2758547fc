import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventName, EventPayload } from '../../../electron/contract/contract';
import { api } from './index';

/** The events that carry a stream's items: each names the stream it belongs to. */
type StreamEventName = {
  [E in EventName]: EventPayload<E> extends { streamId: string } ? E : never;
}[EventName];

/** When a stream that failed is started again by itself, and how often at most. */
export interface RetryPolicy {
  /** The pause before each new attempt; the last one is used again once they run out. */
  delaysMs: readonly number[];
  /** Attempts after failures before the error is shown (default: one per delay). */
  limit?: number;
  /** Which failures are worth another attempt (default: all). */
  when?: (error: unknown) => boolean;
}

export type StreamState<R> =
  | { status: 'running' }
  | { status: 'retrying'; error: unknown }
  | { status: 'ended'; result: R }
  | { status: 'failed'; error: unknown };

export interface StreamOptions<E extends StreamEventName, R> {
  /** The event the stream's items arrive in. */
  event: E;
  /** Starts the stream call with the id chosen for it (it answers when the stream ends). */
  start: (streamId: string) => Promise<R>;
  /** Each item of this stream, once, in order. */
  onEvent: (payload: EventPayload<E>) => void;
  /** After the call answered: start again at once (a job follow that ended before the job did). */
  again?: (result: R) => boolean;
  retry?: RetryPolicy;
}

let streamCounter = 0;

/**
 * The one way the renderer runs a stream (a job's journal, the stack's status, logs): a fresh id
 * per run, the items of that id only, a bounded retry when the connection drops, and
 * streams.stop when the component goes away or `key` changes. Main and the agent hold a stream
 * back while this window is behind, so items arrive no faster than they are handled here.
 */
export function useStream<E extends StreamEventName, R>(
  key: string,
  options: StreamOptions<E, R>,
): { state: StreamState<R>; restart: () => void } {
  const [round, setRound] = useState(0);
  // The state of the run it belongs to: a new key or round starts out running, whatever the last run came to.
  const run = `${round}:${key}`;
  const [held, setHeld] = useState<{ run: string; state: StreamState<R> }>({ run, state: { status: 'running' } });
  const state: StreamState<R> = held.run === run ? held.state : { status: 'running' };
  // The latest callbacks, without restarting the stream each render.
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    let active = true;
    let streamId = '';
    const setState = (next: StreamState<R>) => setHeld({ run, state: next });
    const { event } = latest.current;
    const off = api.on(event, (payload) => {
      if (active && (payload as { streamId: string }).streamId === streamId) latest.current.onEvent(payload);
    });
    const follow = async () => {
      let failures = 0;
      while (active) {
        streamId = `s${Date.now().toString(36)}-${++streamCounter}`;
        try {
          const result = await latest.current.start(streamId);
          if (!active) return;
          if (latest.current.again?.(result)) {
            setState({ status: 'running' });
            continue;
          }
          setState({ status: 'ended', result });
          return;
        } catch (error) {
          if (!active) return;
          const retry = latest.current.retry;
          const limit = retry?.limit ?? retry?.delaysMs.length ?? 0;
          if (!retry || failures >= limit || !(retry.when?.(error) ?? true)) {
            setState({ status: 'failed', error });
            return;
          }
          setState({ status: 'retrying', error });
          await sleep(retry.delaysMs[Math.min(failures, retry.delaysMs.length - 1)] ?? 1000);
          failures++;
          if (active) setState({ status: 'running' });
        }
      }
    };
    void follow();
    return () => {
      active = false;
      off();
      if (streamId) void api.call('streams.stop', { streamId }).catch(() => undefined);
    };
  }, [run]);

  const restart = useCallback(() => setRound((value) => value + 1), []);

  return { state, restart };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
