import type { AppInfo, Language } from '../contract/schemas.js';
import type { EventHub } from '../rpc/event-hub.js';
import type { Handlers } from '../rpc/dispatch.js';
import type { AgentArtifacts } from '../agent/artifacts.js';
import type { SecretCipher } from '../vault/cipher.js';
import { SecretVault } from '../vault/secret-vault.js';
import { createDashboardHandlers } from './dashboard/dashboard-handlers.js';
import { createDnsHandlers } from './dns/dns-handlers.js';
import type { DnsEnvironment } from './outside-addresses.js';
import { createDnsQuery } from '../../common/dns/dns-client.js';
import { createServerHandlers } from './servers/server-handlers.js';
import { ServerManager } from './servers/server-manager.js';
import { createShellHandlers } from './shell/shell-handlers.js';
import { SettingsStore } from './settings/settings-store.js';
import type { StackEnvironment } from '../../common/stack/stack-contract.js';

/** What differs between the Electron app and web mode; everything else is shared. */
export interface Environment {
  dataDir: string;
  version: string;
  platform: NodeJS.Platform;
  systemLanguage: Language;
  /** Seals secrets at rest: the OS keychain in the app, a private key file in web mode. */
  cipher: SecretCipher;
  /** The agent bundle and runtimes uploaded to servers. */
  artifacts: AgentArtifacts;
  /** The user's ~/.ssh/known_hosts, honoured but never written; undefined reads none. */
  userKnownHostsFile: string | undefined;
  /**
   * Where the preflight's outbound port 25 probe connects (host:port). Unset: the agent's well-known
   * MX hosts. Tests always set it, so no test reaches a real mail server.
   */
  smtpProbeTargets?: string[] | undefined;
  /** Where installs get certificates, releases, images and Docker from; tests point every one at the world. */
  stackEnvironment: StackEnvironment;
  /** Where the DNS page's checks ask: resolvers and blocklists; tests point both at the world. */
  dnsEnvironment: DnsEnvironment;
}

export function createHandlers(environment: Environment, hub: EventHub): Handlers {
  const settings = new SettingsStore(environment.dataDir);
  const platform: AppInfo['platform'] = ['darwin', 'win32', 'linux'].includes(environment.platform)
    ? (environment.platform as AppInfo['platform'])
    : 'other';

  const vault = new SecretVault(
    environment.dataDir,
    environment.cipher,
    async () => (await settings.get()).allowWeakSecretStorage === true,
  );
  const servers = new ServerManager({
    dataDir: environment.dataDir,
    vault,
    artifacts: environment.artifacts,
    hub,
    userKnownHostsFile: environment.userKnownHostsFile,
  });

  return {
    ...createServerHandlers(servers, {
      smtpProbeTargets: environment.smtpProbeTargets,
      stackEnvironment: environment.stackEnvironment,
      dns: environment.dnsEnvironment,
      dnsQuery: createDnsQuery(),
    }),
    ...createDnsHandlers(servers, {
      dns: environment.dnsEnvironment,
      smtpProbeTargets: environment.smtpProbeTargets,
    }),
    ...createDashboardHandlers(servers),
    ...createShellHandlers(servers, vault),
    'app.info': async () => ({
      name: 'Mailharbor',
      version: environment.version,
      platform,
      systemLanguage: environment.systemLanguage,
      secretStorage: environment.cipher.strength,
    }),
    'settings.get': async () => settings.get(),
    'settings.update': async (patch) => {
      const next = await settings.update(patch);
      hub.broadcast('settings.changed', next);
      return next;
    },
    'diagnostics.stream': async ({ streamId, count, payloadBytes }, { events }) => {
      const payload = 'x'.repeat(payloadBytes);
      let sent = 0;
      for (let index = 0; index < count && !events.isClosed; index++) {
        await events.emit('diagnostics.tick', { streamId, index, payload });
        sent++;
      }
      return { sent };
    },
  };
}
