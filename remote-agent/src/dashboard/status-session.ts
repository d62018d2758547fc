import { DockerEngine, type EngineEvent } from '../docker/docker-engine.js';
import type { ServiceStatus, StackStatus } from '../../../common/dashboard/dashboard-contract.js';
import { eventAction, eventContainerName, RecentEvents, replayEvents } from './engine-events.js';
import { RESTART_WINDOW_MINUTES, RestartTracker } from './restart-tracker.js';
import { stackScope, type StackScope } from './stack-scope.js';
import { StatusReader } from './status-reader.js';
import { summarize } from './summary.js';

/** What stack.status and stack.watch share: the engine, what should run, the restart history. */
export interface Session {
  engine: DockerEngine;
  scope: StackScope;
  tracker: RestartTracker;
  reader: StatusReader;
  version: { version: string; negotiated: string };
  seen: RecentEvents;
  /** Where the replayed past ends and the live events begin (seconds). */
  replayedUntil: number;
}

/**
 * Connects to the engine, reads which services should run, and replays the engine's buffered
 * events of the restart window so restarts are counted from before this call.
 */
export async function openSession(signal: AbortSignal): Promise<Session> {
  const engine = new DockerEngine();
  try {
    const version = await engine.version(signal);
    const scope = await stackScope();
    const tracker = new RestartTracker();
    const seen = new RecentEvents();
    const replayedUntil = Math.floor(Date.now() / 1000);
    await replayEvents(
      engine,
      { since: replayedUntil - RESTART_WINDOW_MINUTES * 60, until: replayedUntil },
      signal,
      (event) => observe(tracker, event),
      seen,
    ).catch(() => {
      // Without the past, restarts are counted from now on: the status itself still stands.
    });
    return { engine, scope, tracker, reader: new StatusReader(engine, scope, tracker), version, seen, replayedUntil };
  } catch (error) {
    engine.close();
    throw error;
  }
}

export function observe(tracker: RestartTracker, event: EngineEvent): void {
  const name = eventContainerName(event);
  if (name) tracker.observe(name, eventAction(event), eventMillis(event));
}

function eventMillis(event: EngineEvent): number {
  return event.timeNano !== undefined ? Math.floor(event.timeNano / 1e6) : (event.time ?? 0) * 1000;
}

export function snapshot(session: Session, services: ServiceStatus[]): StackStatus {
  const status: StackStatus = {
    at: new Date().toISOString(),
    installed: session.scope.installed,
    engine: { version: session.version.version, apiVersion: session.version.negotiated },
    windowMinutes: RESTART_WINDOW_MINUTES,
    services,
    summary: summarize(services, RESTART_WINDOW_MINUTES),
  };
  if (session.scope.profile) status.profile = session.scope.profile;
  return status;
}
