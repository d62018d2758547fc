import type { CpuStats, StatsSample } from '../docker/docker-engine.js';

export interface ResourceUse {
  cpuPercent?: number;
  memoryBytes?: number;
  memoryLimitBytes?: number;
}

/**
 * CPU use between two samples the way `docker stats` computes it: the container's share of the
 * host's CPU time in that interval, times the number of CPUs (so 200% is two CPUs busy).
 * Undefined when the samples do not allow it (the first one-shot sample, a restarted container).
 */
export function cpuPercentBetween(previous: CpuStats | undefined, current: CpuStats | undefined): number | undefined {
  const before = previous?.cpu_usage?.total_usage;
  const after = current?.cpu_usage?.total_usage;
  const systemBefore = previous?.system_cpu_usage;
  const systemAfter = current?.system_cpu_usage;
  if (before === undefined || after === undefined || systemBefore === undefined || systemAfter === undefined) {
    return undefined;
  }
  const cpuDelta = after - before;
  const systemDelta = systemAfter - systemBefore;
  if (cpuDelta < 0 || systemDelta <= 0) return undefined;
  const cpus = current?.online_cpus || current?.cpu_usage?.percpu_usage?.length || 1;
  return Math.round((cpuDelta / systemDelta) * cpus * 1000) / 10;
}

/**
 * Memory in use as `docker stats` shows it: the usage without the reclaimable page cache
 * (inactive_file on cgroup v2, total_inactive_file on v1).
 */
export function memoryOf(sample: StatsSample): Pick<ResourceUse, 'memoryBytes' | 'memoryLimitBytes'> {
  const memory = sample.memory_stats;
  if (memory?.usage === undefined) return {};
  const cache = memory.stats?.total_inactive_file ?? memory.stats?.inactive_file ?? 0;
  const result: ReturnType<typeof memoryOf> = {
    memoryBytes: Math.max(0, cache < memory.usage ? memory.usage - cache : memory.usage),
  };
  if (memory.limit !== undefined && memory.limit > 0) result.memoryLimitBytes = memory.limit;
  return result;
}

/** CPU and memory from a sample, against `previous` (else the engine's own precpu_stats). */
export function resourceUse(sample: StatsSample, previous?: StatsSample): ResourceUse {
  const use: ResourceUse = memoryOf(sample);
  const cpu = cpuPercentBetween(previous?.cpu_stats ?? sample.precpu_stats, sample.cpu_stats);
  if (cpu !== undefined) use.cpuPercent = cpu;
  return use;
}
