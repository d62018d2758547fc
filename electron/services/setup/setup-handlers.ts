import type { DnsQuery } from '../../../common/dns/dns-types.js';
import type { StackEnvironment } from '../../../common/stack/stack-contract.js';
import type { Handlers } from '../../rpc/dispatch.js';
import type { DnsEnvironment } from '../outside-addresses.js';
import type { ServerManager } from '../servers/server-manager.js';
import { unpublishedChallengeRecords } from './dns-challenge-check.js';

type SetupCalls = Pick<Handlers, 'preflight.run' | 'stack.plan' | 'stack.install' | 'stack.confirmDnsChallenge'>;

/**
 * The setup's calls. Each adds what the renderer must not choose: where the preflight's port 25
 * probe connects, where an install gets certificates, releases and images, and (for manual DNS
 * certificates) a look at the domain's nameservers before the install is told to go on.
 */
export function createSetupHandlers(
  servers: ServerManager,
  outside: {
    smtpProbeTargets: string[] | undefined;
    stackEnvironment: StackEnvironment;
    dns: DnsEnvironment;
    dnsQuery: DnsQuery;
  },
): SetupCalls {
  return {
    'preflight.run': async ({ serverId }) =>
      (await servers.agentOf(serverId)).call(
        'preflight.run',
        outside.smtpProbeTargets ? { smtpProbeTargets: outside.smtpProbeTargets } : {},
      ),
    'stack.plan': async ({ serverId, options }) =>
      (await servers.agentOf(serverId)).call('stack.plan', { options, environment: outside.stackEnvironment }),
    'stack.install': async ({ serverId, options, retryOf }) =>
      (await servers.agentOf(serverId)).call('jobs.start', {
        kind: 'stack.install',
        params: { options, environment: outside.stackEnvironment },
        ...(retryOf ? { retryOf } : {}),
      }),
    'stack.confirmDnsChallenge': async ({ serverId, jobId, records, force }) => {
      const agent = await servers.agentOf(serverId);
      const notVisible = force ? [] : await unpublishedChallengeRecords(records, outside.dns, outside.dnsQuery);
      if (notVisible.length > 0) return { confirmed: false, notVisible };
      const { confirmed } = await agent.call('stack.confirmDnsChallenge', { jobId });
      return { confirmed, notVisible: [] };
    },
  };
}
