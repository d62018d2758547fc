import type {
  ServiceIssueName,
  ServiceStatus,
  StackSummary,
  SummaryIssue,
} from '../../../common/dashboard/dashboard-contract.js';
import { RESTART_ALERT_COUNT } from './restart-tracker.js';

/** Worst first: the summary line names the first issue. */
const SEVERITY: ServiceIssueName[] = [
  'restarting',
  'dead',
  'exited',
  'unhealthy',
  'missing',
  'created',
  'paused',
  'starting',
];

/** What is wrong with one service, or undefined when it runs and is healthy (or has no healthcheck). */
export function issueOf(service: ServiceStatus, windowMinutes: number): SummaryIssue | undefined {
  const issue = (name: ServiceIssueName, params: SummaryIssue['params'] = {}): SummaryIssue => ({
    service: service.service,
    issue: name,
    params,
  });
  const restarts = { restarts: Math.max(service.recentRestarts, 0), windowMinutes };
  // A crash loop shows as 'restarting' between attempts and as 'running' (health starting) in them.
  if (service.state === 'restarting' || service.recentRestarts >= RESTART_ALERT_COUNT) {
    return issue('restarting', { ...restarts, restartCount: service.restartCount });
  }
  switch (service.state) {
    case 'running':
      if (service.health === 'unhealthy') return issue('unhealthy');
      if (service.health === 'starting') return issue('starting');
      return undefined;
    case 'exited':
      return issue('exited', service.exitCode === undefined ? {} : { exitCode: service.exitCode });
    case 'dead':
    case 'removing':
      return issue('dead');
    case 'missing':
    case 'created':
    case 'paused':
      return issue(service.state);
  }
}

/**
 * The summary of the expected services, as ids and params for the app to word: "all 15 services
 * healthy", "2 of 15 starting", "imap restarting: 4 restarts in 5 minutes" (+ the other issues),
 * or "stopped" when none of them runs. Services the profile does not run are left out.
 */
export function summarize(services: ServiceStatus[], windowMinutes: number): StackSummary {
  const expected = services.filter((service) => service.expected);
  const issues = expected
    .map((service) => issueOf(service, windowMinutes))
    .filter((issue): issue is SummaryIssue => issue !== undefined)
    .sort((a, b) => SEVERITY.indexOf(a.issue) - SEVERITY.indexOf(b.issue));
  const count = expected.length;
  if (issues.length === 0) return { id: 'allHealthy', params: { count }, issues };
  const running = expected.filter((service) => service.state === 'running' || service.state === 'restarting');
  if (running.length === 0) return { id: 'stopped', params: { count }, issues };
  const first = issues[0]!;
  if (first.issue === 'starting') {
    return { id: 'starting', params: { count, starting: issues.length }, issues };
  }
  return {
    id: 'problems',
    params: { ...first.params, count: issues.length, service: first.service, issue: first.issue },
    issues,
  };
}
