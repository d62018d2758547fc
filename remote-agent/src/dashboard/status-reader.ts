import type { StackService } from '../../../common/stack/services.js';
import type { ServiceStatus } from '../../../common/dashboard/dashboard-contract.js';
import { lastLogLines } from '../docker/container-logs.js';
import { resourceUse, type ResourceUse } from './container-stats.js';
import type { ContainerInspect, DockerEngine, StatsSample } from '../docker/docker-engine.js';
import { RESTART_ALERT_COUNT, type RestartTracker } from './restart-tracker.js';
import { serviceStatus } from './service-status.js';
import type { StackScope } from './stack-scope.js';

/**
 * Reads the stack's services from the engine: inspect for state, health, restarts and image; the
 * last log lines of a service in trouble; CPU and memory from stats. Shared by stack.status (one
 * snapshot) and stack.watch (a snapshot, then the services events touch).
 */
export class StatusReader {
  /** The last stats sample per container, so one-shot samples give CPU use between them. */
  private readonly samples = new Map<string, StatsSample>();
  private readonly resources = new Map<string, ResourceUse>();

  constructor(
    private readonly engine: DockerEngine,
    private readonly scope: StackScope,
    private readonly tracker: RestartTracker,
  ) {}

  /** The status of the given services (default: all), inspected in parallel. */
  async read(signal: AbortSignal, services: StackService[] = this.scope.services): Promise<ServiceStatus[]> {
    return Promise.all(services.map((entry) => this.readOne(entry, signal)));
  }

  /**
   * Samples CPU and memory of the running services. `oneShot` answers at once and measures CPU
   * against this reader's previous sample; otherwise the engine takes two samples (about a second).
   */
  async refreshStats(statuses: ServiceStatus[], oneShot: boolean, signal: AbortSignal): Promise<void> {
    const running = statuses.filter((status) => status.state === 'running');
    const live = new Set(running.map((status) => status.container));
    for (const container of this.samples.keys()) if (!live.has(container)) this.samples.delete(container);
    for (const container of this.resources.keys()) if (!live.has(container)) this.resources.delete(container);
    await Promise.all(
      running.map(async ({ container }) => {
        const sample = await this.engine.stats(container, oneShot, signal).catch(() => undefined);
        if (!sample) return;
        const previous = oneShot ? this.samples.get(container) : undefined;
        this.samples.set(container, sample);
        const use = resourceUse(sample, previous);
        // A one-shot sample without a previous one has no CPU figure: keep the last one until the next.
        if (use.cpuPercent === undefined && oneShot) {
          const before = this.resources.get(container)?.cpuPercent;
          if (before !== undefined) use.cpuPercent = before;
        }
        this.resources.set(container, use);
      }),
    );
  }

  /** The statuses again with the latest CPU and memory (nothing is asked from the engine). */
  withResources(statuses: ServiceStatus[]): ServiceStatus[] {
    return statuses.map((status) => {
      const use = status.state === 'running' ? this.resources.get(status.container) : undefined;
      if (!use) return status;
      const updated = { ...status };
      if (use.cpuPercent !== undefined) updated.cpuPercent = use.cpuPercent;
      if (use.memoryBytes !== undefined) updated.memoryBytes = use.memoryBytes;
      if (use.memoryLimitBytes !== undefined) updated.memoryLimitBytes = use.memoryLimitBytes;
      return updated;
    });
  }

  private async readOne(entry: StackService, signal: AbortSignal): Promise<ServiceStatus> {
    const inspect = await this.engine.inspect(entry.container, signal);
    const nowMs = Date.now();
    const recentRestarts = this.tracker.count(entry.container, nowMs);
    const status = serviceStatus({
      entry,
      inspect,
      expected: this.scope.expected.has(entry.service),
      recentRestarts,
      ports: this.scope.ports[entry.service],
      nowMs,
    });
    if (inspect && needsLastLines(status)) {
      const lines = await this.lastLines(inspect, signal);
      if (lines) status.lastLines = lines;
    }
    return this.withResources([status])[0] ?? status;
  }

  private async lastLines(inspect: ContainerInspect, signal: AbortSignal): Promise<string[] | undefined> {
    // Unreadable logs (a logging driver without reading) leave the rest of the status intact.
    return lastLogLines(this.engine, inspect.Id, inspect.Config?.Tty === true, signal).catch(() => undefined);
  }
}

/** What it said last is worth showing for a service that does not run, crash-loops or fails its checks. */
function needsLastLines(status: ServiceStatus): boolean {
  return status.state !== 'running' || status.health === 'unhealthy' || status.recentRestarts >= RESTART_ALERT_COUNT;
}
