import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import type { LogsFollowParams, LogsFollowResultSchema } from '../../../common/dashboard/dashboard-contract.js';
import type { StreamContext } from '../server/rpc-server.js';
import { DockerEngine } from '../docker/docker-engine.js';
import { eventAction, eventContainerName, followEngineEvents } from './engine-events.js';
import { LogRing } from './log-ring.js';
import { ServiceLogFollower } from './service-log-follower.js';
import { entryOf, serviceOfContainer, stackScope } from './stack-scope.js';

export interface FollowTuning {
  /** Bytes of lines waiting for a slow reader; beyond it what arrives is dropped (and reported as skipped). */
  queueBytes: number;
  /** Largest batch of lines per notification. */
  batchBytes: number;
  /** How long lines are gathered before a batch leaves that is not full. */
  batchMs: number;
}

export const DEFAULT_FOLLOW_TUNING: FollowTuning = { queueBytes: 1024 * 1024, batchBytes: 64 * 1024, batchMs: 50 };

/**
 * logs.follow: the last `tail` lines of each chosen service, then their new lines as they are
 * written, across restarts, until the client cancels. Lines go through one ring of fixed size
 * that drops what arrives while the reader is behind (a 'skipped' entry marks the gap), and leave in
 * batches (up to batchBytes, or after batchMs) as logs.lines notifications; `emit` waits while
 * the connection is full, which is what makes the queue fill when the reader is slow.
 */
export async function logsFollow(
  params: LogsFollowParams,
  context: Pick<StreamContext<'logs.follow'>, 'signal' | 'emit'>,
  tuning: FollowTuning = DEFAULT_FOLLOW_TUNING,
): Promise<z.output<typeof LogsFollowResultSchema>> {
  const { signal } = context;
  const engine = new DockerEngine();
  const stop = new AbortController();
  const scoped = AbortSignal.any([signal, stop.signal]);
  try {
    await engine.version(signal);
    const scope = await stackScope();
    const entries =
      params.services.length > 0
        ? [...new Set(params.services)].map(entryOf)
        : scope.services.filter((entry) => scope.expected.has(entry.service));
    const ring = new LogRing(tuning.queueBytes);
    const nowMs = Date.now();
    const followStartedAt = { seconds: Math.floor(nowMs / 1000), nanos: (nowMs % 1000) * 1e6 };
    const followers = new Map(
      entries.map((entry) => [
        entry.container,
        new ServiceLogFollower(entry, engine, {
          tail: params.tail,
          followStartedAt,
          signal: scoped,
          emit: (marker) => ring.pushMarker(marker),
          emitLines: (service, stream, run, count) => ring.pushLines(service, stream, run, count),
        }),
      ]),
    );

    // Subscribed before the first attach, so a start between an attach and the subscription is not missed.
    let connected: () => void = () => {};
    const subscribed = new Promise<void>((resolve) => (connected = resolve));
    let everConnected = false;
    const feed = followEngineEvents({
      engine,
      signal: scoped,
      since: nowMs / 1000,
      onEvent: (event) => {
        if (eventAction(event) !== 'start') return;
        const entry = serviceOfContainer(eventContainerName(event));
        if (entry) followers.get(entry.container)?.started();
      },
      onState: (state) => {
        if (state !== 'connected') return;
        // After the engine was away, every follower looks again: what ran may have restarted unseen.
        if (everConnected) for (const follower of followers.values()) follower.started();
        everConnected = true;
        connected();
      },
    });
    const failed = feed.then(
      () => undefined,
      (error: unknown) => {
        stop.abort();
        throw error;
      },
    );
    await Promise.race([subscribed, failed]);
    const running = [...followers.values()].map((follower) => follower.run().catch(() => undefined));

    let lines = 0;
    // Takes a batch and hands it to the connection; a plain function, so that while the send loop
    // waits for the connection no frame of it still holds the batch's strings.
    const sendBatch = (): Promise<void> => {
      const batch = ring.take(tuning.batchBytes, params.timestamps);
      lines += batch.lines;
      if (batch.entries.length === 0) return Promise.resolve();
      return context.emit({ entries: batch.entries });
    };
    const send = async () => {
      while (!scoped.aborted) {
        await ring.whenReady(scoped);
        if (scoped.aborted) break;
        if (ring.bytes < tuning.batchBytes) await sleep(tuning.batchMs, undefined, { signal: scoped }).catch(() => {});
        await sendBatch();
      }
    };
    try {
      await Promise.all([failed, send().finally(() => stop.abort())]);
    } catch (error) {
      if (!signal.aborted) throw error;
    } finally {
      stop.abort();
      await Promise.all(running);
    }
    return { ended: 'cancelled', lines, skipped: ring.dropped };
  } finally {
    stop.abort();
    engine.close();
  }
}
