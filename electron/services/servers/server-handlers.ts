import type { Handlers } from '../../rpc/dispatch.js';
import { renderCloudInit } from './cloud-init.js';
import { generateKeyPair } from './key-pair.js';
import type { ServerManager } from './server-manager.js';
import type { StackEnvironment } from '../../../common/stack/stack-contract.js';
import type { DnsQuery } from '../../../common/dns/dns-types.js';
import { unpublishedChallengeRecords } from '../setup/dns-challenge-check.js';
import type { DnsEnvironment } from '../outside-addresses.js';

type ServerCalls = Pick<
  Handlers,
  | 'servers.list'
  | 'servers.add'
  | 'servers.remove'
  | 'servers.connect'
  | 'servers.disconnect'
  | 'servers.setSudoPassword'
  | 'hostKey.answer'
  | 'auth.answer'
  | 'prompts.pending'
  | 'keys.generate'
  | 'cloudInit.render'
  | 'jobs.start'
  | 'jobs.list'
  | 'jobs.follow'
  | 'jobs.cancel'
  | 'preflight.run'
  | 'stack.detect'
  | 'stack.plan'
  | 'stack.install'
  | 'stack.access'
  | 'stack.confirmDnsChallenge'
>;

/** The renderer's calls about servers and their jobs, served by the ServerManager. */
export function createServerHandlers(
  servers: ServerManager,
  outside: {
    smtpProbeTargets: string[] | undefined;
    stackEnvironment: StackEnvironment;
    dns: DnsEnvironment;
    dnsQuery: DnsQuery;
  },
): ServerCalls {
  return {
    'servers.list': async () => ({ servers: await servers.list() }),
    'servers.add': async (input) => servers.add(input),
    'servers.remove': async ({ id }) => ({ removed: await servers.remove(id) }),
    'servers.connect': async ({ id }) => servers.connect(id),
    'servers.disconnect': async ({ id }) => servers.disconnect(id),
    'servers.setSudoPassword': async ({ id, password }) => servers.setSudoPassword(id, password),
    'hostKey.answer': async ({ promptId, accept }) => ({ ok: servers.hostKeyPrompts.answer(promptId, accept) }),
    'auth.answer': async ({ promptId, answers }) => ({ ok: servers.authPrompts.answer(promptId, answers) }),
    'prompts.pending': async () => ({ hostKey: servers.hostKeyPrompts.open(), auth: servers.authPrompts.open() }),
    'keys.generate': async ({ comment }) => generateKeyPair(comment),
    'cloudInit.render': async (input) => ({ userData: renderCloudInit(input) }),
    'jobs.start': async ({ serverId, job }) => (await servers.agentOf(serverId)).call('jobs.start', job),
    'jobs.list': async ({ serverId }) => (await servers.agentOf(serverId)).call('jobs.list', {}),
    'jobs.follow': async ({ serverId, jobId, fromOffset }, { events }) => {
      const agent = await servers.agentOf(serverId);
      // Each event waits for the window's acknowledgement window, which holds the agent's stream
      // back in turn: a slow screen slows the journal down instead of filling memory.
      const result = await agent.followJob(jobId, fromOffset, (event) =>
        events.emit('jobs.event', {
          serverId,
          jobId,
          event: event as Record<string, unknown> & { offset: number; type: string },
        }),
      );
      return { nextOffset: result.nextOffset, status: result.status };
    },
    'jobs.cancel': async ({ serverId, jobId }) => {
      const { signalled, status } = await (await servers.agentOf(serverId)).call('jobs.cancel', { jobId });
      return { signalled, status };
    },
    'preflight.run': async ({ serverId }) =>
      (await servers.agentOf(serverId)).call(
        'preflight.run',
        outside.smtpProbeTargets ? { smtpProbeTargets: outside.smtpProbeTargets } : {},
      ),
    'stack.detect': async ({ serverId }) => (await servers.agentOf(serverId)).call('stack.detect', {}),
    'stack.plan': async ({ serverId, options }) =>
      (await servers.agentOf(serverId)).call('stack.plan', { options, environment: outside.stackEnvironment }),
    'stack.install': async ({ serverId, options, retryOf }) =>
      (await servers.agentOf(serverId)).call('jobs.start', {
        kind: 'stack.install',
        params: { options, environment: outside.stackEnvironment },
        ...(retryOf ? { retryOf } : {}),
      }),
    'stack.access': async ({ serverId }) => (await servers.agentOf(serverId)).call('stack.access', {}),
    'stack.confirmDnsChallenge': async ({ serverId, jobId, records, force }) => {
      const agent = await servers.agentOf(serverId);
      const notVisible = force ? [] : await unpublishedChallengeRecords(records, outside.dns, outside.dnsQuery);
      if (notVisible.length > 0) return { confirmed: false, notVisible };
      const { confirmed } = await agent.call('stack.confirmDnsChallenge', { jobId });
      return { confirmed, notVisible: [] };
    },
  };
}
