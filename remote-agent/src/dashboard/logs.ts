import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import type { DashboardContext, LogEntry, LogsFollowParams, LogsFollowResultSchema } from './dashboard-contract.js';
import { DockerEngine } from './docker-engine.js';
import { DropOldestQueue } from './drop-oldest-queue.js';
import { eventAction, eventContainerName, followEngineEvents } from './engine-events.js';
import { ServiceLogFollower, type FollowItem } from './service-log-follower.js';
import { entryOf, serviceOfContainer, stackScope } from './stack-scope.js';

export interface FollowTuning {
  /** Lines waiting for a slow reader; beyond it the oldest are dropped (and reported as skipped). */
  queueBytes: number;
  /** Largest batch of lines per notification. */
  batchBytes: number;
  /** How long lines are gathered before a batch leaves that is not full. */
  batchMs: number;
}

export const DEFAULT_FOLLOW_TUNING: FollowTuning = { queueBytes: 2 * 1024 * 1024, batchBytes: 64 * 1024, batchMs: 50 };

/** What a queued item is counted as besides its text: the object and its arrays. */
const ITEM_OVERHEAD_BYTES = 96;
/** Per line: two string headers and two array slots. */
const LINE_OVERHEAD_BYTES = 48;

function groupBytes(group: Extract<FollowItem, { kind: 'lines' }>): number {
  let bytes = ITEM_OVERHEAD_BYTES;
  for (let index = 0; index < group.lines.length; index++) {
    bytes += (group.lines[index]?.length ?? 0) + (group.timestamps[index]?.length ?? 0) + LINE_OVERHEAD_BYTES;
  }
  return bytes;
}

/**
 * logs.follow: the last `tail` lines of each chosen service, then their new lines as they are
 * written, across restarts, until the client cancels. Lines go through one bounded queue that
 * drops the oldest when the reader falls behind (a 'skipped' entry marks the gap), and leave in
 * batches (up to batchBytes, or after batchMs) as logs.lines notifications; `notify` waits while
 * the connection is full, which is what makes the queue fill when the reader is slow.
 */
export async function logsFollow(
  params: LogsFollowParams,
  context: DashboardContext<'logs.lines'>,
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
    const queue = new DropOldestQueue<FollowItem>(tuning.queueBytes);
    const nowMs = Date.now();
    const followStartedAt = { seconds: Math.floor(nowMs / 1000), nanos: (nowMs % 1000) * 1e6 };
    const emit = (item: FollowItem) =>
      item.kind === 'lines'
        ? queue.push(item, groupBytes(item), item.lines.length)
        : queue.push(item, ITEM_OVERHEAD_BYTES, 0);
    const followers = new Map(
      entries.map((entry) => [
        entry.container,
        new ServiceLogFollower(entry, engine, { tail: params.tail, followStartedAt, signal: scoped, emit }),
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
    let seq = 0;
    const send = async () => {
      while (!scoped.aborted) {
        await queue.whenReady(scoped);
        if (scoped.aborted) break;
        if (queue.bytes < tuning.batchBytes) await sleep(tuning.batchMs, undefined, { signal: scoped }).catch(() => {});
        const { items, skippedBefore } = queue.take(tuning.batchBytes);
        const batch = toEntries(items, skippedBefore, params.timestamps);
        lines += batch.lines;
        if (batch.entries.length === 0) continue;
        await context.notify('logs.lines', { followId: params.followId, seq: seq++, entries: batch.entries });
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
    return { followId: params.followId, ended: 'cancelled', lines, skipped: queue.dropped };
  } finally {
    stop.abort();
    engine.close();
  }
}

/** Queued items as notification entries: a skip marker first, consecutive lines of one stream together. */
export function toEntries(
  items: FollowItem[],
  skippedBefore: number,
  timestamps: boolean,
): { entries: LogEntry[]; lines: number } {
  const entries: LogEntry[] = [];
  if (skippedBefore > 0) entries.push({ type: 'skipped', count: skippedBefore });
  let lines = 0;
  let group: Extract<LogEntry, { type: 'lines' }> | undefined;
  for (const item of items) {
    if (item.kind !== 'lines') {
      group = undefined;
      entries.push(
        item.kind === 'attached'
          ? { type: 'attached', service: item.service }
          : {
              type: 'detached',
              service: item.service,
              reason: item.reason,
              ...(item.detail ? { detail: item.detail.slice(0, 4096) } : {}),
            },
      );
      continue;
    }
    if (!group || group.service !== item.service || group.stream !== item.stream) {
      group = { type: 'lines', service: item.service, stream: item.stream, lines: [] };
      if (timestamps) group.timestamps = [];
      entries.push(group);
    }
    for (const line of item.lines) group.lines.push(line);
    if (group.timestamps) for (const timestamp of item.timestamps) group.timestamps.push(timestamp);
    lines += item.lines.length;
  }
  return { entries, lines };
}
