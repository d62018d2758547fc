import { describe, expect, it } from 'vitest';
import type { ServiceStatus } from '../../common/dashboard/dashboard-contract.js';
import { ServiceStatusSchema, StackSummarySchema } from '../../common/dashboard/dashboard-contract.js';
import { cpuPercentBetween, memoryOf, resourceUse } from '../../remote-agent/src/dashboard/container-stats.js';
import type { ContainerInspect } from '../../remote-agent/src/docker/docker-engine.js';
import { RestartTracker } from '../../remote-agent/src/dashboard/restart-tracker.js';
import { serviceStatus, splitImage } from '../../remote-agent/src/dashboard/service-status.js';
import { summarize } from '../../remote-agent/src/dashboard/summary.js';
import { STACK_SERVICES } from '../../common/stack/services.js';

const MINUTE = 60_000;

describe('RestartTracker', () => {
  it('counts a start after a die as a restart, within the window only', () => {
    const tracker = new RestartTracker(5 * MINUTE);
    tracker.observe('imap', 'create', 0);
    tracker.observe('imap', 'start', 1_000); // the first start is no restart
    for (let minute = 1; minute <= 7; minute++) {
      tracker.observe('imap', 'die', minute * MINUTE);
      tracker.observe('imap', 'start', minute * MINUTE + 100);
    }
    expect(tracker.count('imap', 7 * MINUTE + 200)).toBe(5); // minutes 3..7
    expect(tracker.count('imap', 20 * MINUTE)).toBe(0);
    expect(tracker.count('smtp', 0)).toBe(0);
  });

  it('does not count a re-created container as restarted', () => {
    const tracker = new RestartTracker();
    tracker.observe('web', 'die', 1_000);
    tracker.observe('web', 'destroy', 1_100);
    tracker.observe('web', 'create', 1_200);
    tracker.observe('web', 'start', 1_300);
    expect(tracker.count('web', 2_000)).toBe(0);
  });
});

function status(service: string, overrides: Partial<ServiceStatus> = {}): ServiceStatus {
  const entry = STACK_SERVICES.find((candidate) => candidate.service === service)!;
  return {
    service: entry.service,
    container: entry.container,
    expected: true,
    state: 'running',
    health: 'healthy',
    restartCount: 0,
    recentRestarts: 0,
    ports: [],
    ...overrides,
  };
}

describe('summarize', () => {
  const healthy = STACK_SERVICES.map((entry) => status(entry.service));

  it('says all services are healthy, counting only those the profile runs', () => {
    const services = healthy.map((entry) =>
      entry.service === 'imap' ? { ...entry, expected: false, state: 'missing' as const } : entry,
    );
    expect(summarize(healthy, 5)).toEqual({ id: 'allHealthy', params: { count: 15 }, issues: [] });
    expect(summarize(services, 5)).toEqual({ id: 'allHealthy', params: { count: 14 }, issues: [] });
  });

  it('names a crash loop first: "imap restarting: 4 restarts in 5 minutes"', () => {
    const services = healthy.map((entry) => {
      if (entry.service === 'imap')
        return { ...entry, state: 'restarting' as const, recentRestarts: 4, restartCount: 9 };
      if (entry.service === 'web') return { ...entry, health: 'unhealthy' as const };
      if (entry.service === 'pop3')
        return { ...entry, state: 'exited' as const, exitCode: 137, health: 'none' as const };
      return entry;
    });
    const summary = summarize(services, 5);
    expect(StackSummarySchema.parse(summary)).toEqual(summary);
    expect(summary.id).toBe('problems');
    expect(summary.params).toEqual({
      count: 3,
      service: 'imap',
      issue: 'restarting',
      restarts: 4,
      windowMinutes: 5,
      restartCount: 9,
    });
    expect(summary.issues.map((issue) => [issue.service, issue.issue])).toEqual([
      ['imap', 'restarting'],
      ['pop3', 'exited'],
      ['web', 'unhealthy'],
    ]);
    expect(summary.issues[1]?.params).toEqual({ exitCode: 137 });
  });

  it('reports a service that runs but restarted often as restarting all the same', () => {
    const services = healthy.map((entry) => (entry.service === 'mx' ? { ...entry, recentRestarts: 3 } : entry));
    expect(summarize(services, 5).issues).toEqual([
      { service: 'mx', issue: 'restarting', params: { restarts: 3, windowMinutes: 5, restartCount: 0 } },
    ]);
  });

  it('says starting while health checks are still pending, stopped when nothing runs', () => {
    const starting = healthy.map((entry, index) => (index < 2 ? { ...entry, health: 'starting' as const } : entry));
    expect(summarize(starting, 5)).toMatchObject({ id: 'starting', params: { count: 15, starting: 2 } });
    const stopped = healthy.map((entry) => ({ ...entry, state: 'exited' as const, exitCode: 0 }));
    expect(summarize(stopped, 5)).toMatchObject({ id: 'stopped', params: { count: 15 } });
    const missing = healthy.map((entry) => ({ ...entry, state: 'missing' as const }));
    expect(summarize(missing, 5).issues).toHaveLength(15);
  });
});

describe('serviceStatus', () => {
  const entry = STACK_SERVICES.find((candidate) => candidate.service === 'nginx')!;
  const inspect: ContainerInspect = {
    Id: 'abc',
    Name: '/sni-router',
    RestartCount: 2,
    State: {
      Status: 'exited',
      ExitCode: 1,
      StartedAt: '2024-05-01T12:00:00.123456789Z',
      FinishedAt: '2024-05-01T12:05:00Z',
      Health: { Status: 'unhealthy' },
    },
    Config: { Image: '172.29.53.1:5000/nginx:1.22.1' },
  };

  it('builds a row from inspect: image and tag, exit code and last lines, no health when stopped', () => {
    const row = serviceStatus({
      entry,
      inspect,
      expected: true,
      recentRestarts: 1,
      lastLines: ['bind() to 0.0.0.0:443 failed'],
      nowMs: Date.parse('2024-05-01T12:10:00Z'),
    });
    expect(ServiceStatusSchema.parse(row)).toEqual(row);
    expect(row).toMatchObject({
      service: 'nginx',
      container: 'sni-router',
      state: 'exited',
      health: 'none',
      restartCount: 2,
      recentRestarts: 1,
      image: '172.29.53.1:5000/nginx',
      imageTag: '1.22.1',
      exitCode: 1,
      lastLines: ['bind() to 0.0.0.0:443 failed'],
      ports: [
        { port: 443, protocol: 'tcp', reach: 'internet' },
        { port: 80, protocol: 'tcp', reach: 'internet' },
      ],
    });
    expect(row.uptimeSeconds).toBeUndefined();
  });

  it('gives uptime and resources of a running one, and "missing" without a container', () => {
    const running: ContainerInspect = {
      ...inspect,
      State: { Status: 'running', StartedAt: '2024-05-01T12:00:00Z', FinishedAt: '0001-01-01T00:00:00Z' },
    };
    const row = serviceStatus({
      entry,
      inspect: running,
      expected: true,
      recentRestarts: 0,
      resources: { cpuPercent: 1.5, memoryBytes: 1024 },
      nowMs: Date.parse('2024-05-01T12:01:30Z'),
    });
    expect(row).toMatchObject({
      state: 'running',
      health: 'none',
      uptimeSeconds: 90,
      cpuPercent: 1.5,
      memoryBytes: 1024,
    });
    expect(row.finishedAt).toBeUndefined();
    const missing = serviceStatus({ entry, inspect: undefined, expected: false, recentRestarts: 0, nowMs: 0 });
    expect(missing).toMatchObject({ state: 'missing', health: 'none', expected: false });
  });

  it('splits image references with registry ports and digests', () => {
    expect(splitImage('ghcr.io/forwardemail/forwardemail.net-selfhosted:v1.1.0')).toEqual({
      image: 'ghcr.io/forwardemail/forwardemail.net-selfhosted',
      tag: 'v1.1.0',
    });
    expect(splitImage('172.29.53.1:5000/redis')).toEqual({ image: '172.29.53.1:5000/redis' });
    expect(splitImage('redis:7@sha256:abc')).toEqual({ image: 'redis', tag: '7' });
  });
});

describe('container stats', () => {
  it('computes CPU like docker stats: share of the host times the CPUs', () => {
    const before = { cpu_usage: { total_usage: 1_000 }, system_cpu_usage: 10_000, online_cpus: 2 };
    const after = { cpu_usage: { total_usage: 1_500 }, system_cpu_usage: 12_000, online_cpus: 2 };
    expect(cpuPercentBetween(before, after)).toBe(50);
    expect(cpuPercentBetween(undefined, after)).toBeUndefined();
    // A restarted container's counter starts again: no figure rather than a negative one.
    expect(cpuPercentBetween(after, before)).toBeUndefined();
  });

  it('takes memory without the reclaimable cache (cgroup v2 and v1)', () => {
    expect(memoryOf({ memory_stats: { usage: 1000, limit: 4000, stats: { inactive_file: 300 } } })).toEqual({
      memoryBytes: 700,
      memoryLimitBytes: 4000,
    });
    expect(memoryOf({ memory_stats: { usage: 1000, stats: { total_inactive_file: 100 } } })).toEqual({
      memoryBytes: 900,
    });
    expect(memoryOf({})).toEqual({});
    const sample = {
      cpu_stats: { cpu_usage: { total_usage: 20 }, system_cpu_usage: 200, online_cpus: 1 },
      precpu_stats: { cpu_usage: { total_usage: 10 }, system_cpu_usage: 100, online_cpus: 1 },
      memory_stats: { usage: 10 },
    };
    expect(resourceUse(sample)).toEqual({ cpuPercent: 10, memoryBytes: 10 });
  });
});
