import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import { AppError } from '../../../common/errors/app-error.js';
import type {
  ServiceName,
  ServiceStatus,
  StackWatchEvent,
  StackWatchParamsSchema,
  StackWatchResultSchema,
} from '../../../common/dashboard/dashboard-contract.js';
import type { StreamContext } from '../server/rpc-server.js';
import { eventContainerName, followEngineEvents } from './engine-events.js';
import { RESTART_WINDOW_MINUTES } from './restart-tracker.js';
import { serviceOfContainer } from './stack-scope.js';
import { observe, openSession, snapshot } from './status-session.js';
import { summarize } from './summary.js';

/** How long events are gathered before the touched services are read and sent. */
const DEBOUNCE_MS = 100;
/** CPU and memory are refreshed this often at most (each refresh asks the engine once per running service). */
const STATS_INTERVAL_MS = 5_000;
/** The first CPU figure needs two samples: the second comes this soon after the first. */
const FIRST_STATS_GAP_MS = 1_000;

/**
 * stack.watch: a snapshot, then within about DEBOUNCE_MS of every engine event that touches a
 * service, that service's new status (with the new summary); CPU and memory every STATS_INTERVAL_MS.
 * After the engine was lost and came back, a fresh snapshot. Runs until the client cancels.
 */
export async function stackWatch(
  params: z.output<typeof StackWatchParamsSchema>,
  context: StreamContext<'stack.watch'>,
): Promise<z.output<typeof StackWatchResultSchema>> {
  const { signal } = context;
  const session = await openSession(signal);
  const stop = new AbortController();
  const scoped = AbortSignal.any([signal, stop.signal]);
  const statsWanted = params.stats !== false;
  let sent = 0;
  const send = (event: StackWatchEvent['event']) => {
    sent++;
    return context.emit({ event });
  };

  // What the pump has to do next; events only mark it and wake the pump, which does one thing at a time.
  const dirty = new Set<ServiceName>();
  const engineStates: { state: 'lost' | 'back'; attempt: number }[] = [];
  let snapshotDue = false;
  let everConnected = false;
  let wake: (() => void) | undefined;
  const poke = () => wake?.();

  const feed = followEngineEvents({
    engine: session.engine,
    signal: scoped,
    since: session.replayedUntil,
    seen: session.seen,
    onEvent: (event) => {
      observe(session.tracker, event);
      const entry = serviceOfContainer(eventContainerName(event));
      if (!entry) return;
      dirty.add(entry.service);
      poke();
    },
    onState: (state, attempt) => {
      if (state === 'connected') {
        if (everConnected) engineStates.push({ state: 'back', attempt });
        everConnected = true;
        snapshotDue = true;
      } else engineStates.push({ state: 'lost', attempt });
      poke();
    },
  }).finally(() => stop.abort());

  const current = new Map<ServiceName, ServiceStatus>();
  const sendChanged = async (statuses: ServiceStatus[]) => {
    const changed = changedOnly(current, statuses);
    for (const status of changed) current.set(status.service, status);
    if (changed.length === 0) return;
    const summary = summarize([...current.values()], RESTART_WINDOW_MINUTES);
    await send({ type: 'services', at: new Date().toISOString(), services: changed, summary });
  };
  let statsDue = Number.POSITIVE_INFINITY;
  let statsRounds = 0;

  const idle = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        scoped.removeEventListener('abort', done);
        wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.min(Math.max(0, statsDue - Date.now()), 60_000));
      scoped.addEventListener('abort', done);
      wake = done;
    });

  /** One thing at a time, so notifications leave in order and a slow reader slows the watch, not memory. */
  const pump = async () => {
    while (!scoped.aborted) {
      if (!snapshotDue && dirty.size === 0 && engineStates.length === 0 && Date.now() < statsDue) await idle();
      if (scoped.aborted) return;
      for (const state of engineStates.splice(0)) await send({ type: 'engine', ...state });
      if (snapshotDue) {
        snapshotDue = false;
        dirty.clear();
        const services = await readOrSkip(session.reader.read(scoped));
        if (!services) {
          // Tried again each second; an engine that stays away ends the watch through the feed.
          snapshotDue = true;
          await sleep(1_000, undefined, { signal: scoped }).catch(() => undefined);
          continue;
        }
        current.clear();
        for (const status of services) current.set(status.service, status);
        await send({ type: 'snapshot', status: snapshot(session, services) });
        if (statsWanted) statsDue = Date.now();
        continue;
      }
      if (dirty.size > 0) {
        await sleep(DEBOUNCE_MS, undefined, { signal: scoped }).catch(() => undefined);
        const touched = session.scope.services.filter((entry) => dirty.has(entry.service));
        dirty.clear();
        const services = await readOrSkip(session.reader.read(scoped, touched));
        if (services) await sendChanged(services);
        continue;
      }
      if (Date.now() >= statsDue) {
        const statuses = [...current.values()];
        const refreshed = await readOrSkip(session.reader.refreshStats(statuses, true, scoped).then(() => true));
        // The first round only gives memory; CPU use needs the second sample, soon after.
        statsRounds++;
        statsDue = Date.now() + (statsRounds === 1 ? FIRST_STATS_GAP_MS : STATS_INTERVAL_MS);
        if (refreshed) await sendChanged(session.reader.withResources(statuses));
      }
    }
  };

  /**
   * A read that fails because the engine went away is skipped: the event feed notices the loss,
   * reconnects and asks for a new snapshot. Anything else (a notify that fails: the client is gone) ends the watch.
   */
  async function readOrSkip<T>(read: Promise<T>): Promise<T | undefined> {
    try {
      return await read;
    } catch (error) {
      if (scoped.aborted) return undefined;
      if (error instanceof AppError) return undefined;
      throw error;
    }
  }

  try {
    await Promise.all([feed, pump().finally(() => stop.abort())]);
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    session.engine.close();
  }
  return { ended: 'cancelled', notifications: sent };
}

/** The statuses that differ from what was last sent (uptime alone is not a change: it only grows). */
function changedOnly(current: Map<ServiceName, ServiceStatus>, statuses: ServiceStatus[]): ServiceStatus[] {
  return statuses.filter((status) => {
    const before = current.get(status.service);
    return !before || comparable(before) !== comparable(status);
  });
}

/** Key order differs with the path a status took (stats added later): compared sorted. */
function comparable(status: ServiceStatus): string {
  const entries = Object.entries(status).filter(([key, value]) => key !== 'uptimeSeconds' && value !== undefined);
  return JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
