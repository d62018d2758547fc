import { AppError } from '../../../common/errors/app-error.js';
import type { Handlers } from '../../rpc/dispatch.js';
import { DnsService, type DnsServerAccess, type DnsServiceOptions } from './dns-service.js';
import type { ServerManager } from '../servers/server-manager.js';

type DnsCalls = Pick<Handlers, 'dns.plan' | 'dns.check' | 'dns.checkServer' | 'dns.checkAddresses'>;

/** A connected server as the DNS service sees it: the agent's facts and the address SSH connects to. */
export function serverAccess(servers: ServerManager): DnsServerAccess {
  return {
    facts: async (serverId) => (await servers.agentOf(serverId)).call('stack.dnsFacts', {}),
    connectionHost: async (serverId) => {
      const server = (await servers.list()).find((candidate) => candidate.id === serverId);
      if (!server) throw new AppError('servers.notFound', { params: { id: serverId } });
      return server.host;
    },
  };
}

/** The DNS page's calls, served in the main process (see DnsService). */
export function createDnsHandlers(servers: ServerManager, options: DnsServiceOptions): DnsCalls {
  const dns = new DnsService(serverAccess(servers), options);
  return {
    'dns.plan': async ({ serverId, options: choices }) => dns.plan(serverId, choices),
    'dns.check': async ({ serverId, options: choices }) => dns.check(serverId, choices),
    'dns.checkServer': async ({ serverId }) => dns.checkServer(serverId),
    'dns.checkAddresses': async (input) => dns.checkAddresses(input),
  };
}
