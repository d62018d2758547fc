import { useEffect, useState } from 'react';
import { api } from '../../api';
import { applyWatchEvent, type LiveStatus } from './dashboard-view';

export type WatchState =
  | { status: 'loading' }
  | { status: 'live'; live: LiveStatus }
  | { status: 'failed'; error: unknown; live: LiveStatus | undefined };

/** Attempts after a watch that failed (the connection dropped), with growing pauses; then it shows the error. */
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000];

let watchCounter = 0;

/**
 * The server's stack status, live: a stack.watch for as long as the component is mounted, each
 * event folded into the last snapshot. When the watch fails it is started again a few times
 * (bounded), then the error is shown with the last status kept.
 */
export function useStackWatch(serverId: string, round: number): WatchState {
  const [state, setState] = useState<WatchState>({ status: 'loading' });

  useEffect(() => {
    let active = true;
    const watchId = `w${Date.now().toString(36)}-${++watchCounter}`;
    let live: LiveStatus | undefined;
    const off = api.on('stack.changed', (payload) => {
      if (payload.watchId !== watchId || !active) return;
      live = applyWatchEvent(live, payload.event, Date.now());
      if (live) setState({ status: 'live', live });
    });
    const run = async () => {
      for (let attempt = 0; active; attempt++) {
        try {
          await api.call('stack.watch', { serverId, watchId });
          return;
        } catch (error) {
          if (!active) return;
          if (attempt >= RETRY_DELAYS_MS.length) {
            setState({ status: 'failed', error, live });
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
        }
      }
    };
    void run();
    return () => {
      active = false;
      off();
      void api.call('stack.unwatch', { watchId }).catch(() => undefined);
    };
  }, [serverId, round]);

  return state;
}

/** Re-renders every `ms` so uptimes count on between events. */
export function useTicker(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
