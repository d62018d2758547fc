/** The window restarts are counted in for the summary ("4 restarts in 5 minutes"). */
export const RESTART_WINDOW_MINUTES = 5;
/** Restarts in the window from which a running service is reported as restarting all the same. */
export const RESTART_ALERT_COUNT = 3;
/** Timestamps kept per container: a crash loop restarts at most every few seconds. */
const MAX_KEPT = 256;

/**
 * Counts restarts per container from the engine's events: a `start` that follows a `die` of the
 * same container (the restart policy bringing it back, a `docker restart`, a stop and start). A
 * first start after `create` is no restart. Only the timestamps within the window are kept.
 */
export class RestartTracker {
  private readonly died = new Set<string>();
  private readonly restarts = new Map<string, number[]>();

  constructor(readonly windowMs = RESTART_WINDOW_MINUTES * 60_000) {}

  observe(container: string, action: string, atMs: number): void {
    if (action === 'die') this.died.add(container);
    else if (action === 'create' || action === 'destroy') this.died.delete(container);
    else if (action === 'start' && this.died.delete(container)) {
      const times = this.restarts.get(container) ?? [];
      times.push(atMs);
      if (times.length > MAX_KEPT) times.splice(0, times.length - MAX_KEPT);
      this.restarts.set(container, times);
    }
  }

  /** Restarts of the container within the window that ends at `nowMs`. */
  count(container: string, nowMs: number): number {
    const times = this.restarts.get(container);
    if (!times) return 0;
    const from = nowMs - this.windowMs;
    while (times.length > 0 && (times[0] ?? 0) <= from) times.shift();
    return times.length;
  }
}
