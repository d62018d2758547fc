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
import { createAppHandlers } from './app/app-handlers.js';
import { createBackupsHandlers } from './backups/backups-handlers.js';
import { createForwardedHandlers } from './forward-to-agent.js';
import { createJobsHandlers } from './jobs/jobs-handlers.js';
import { createServerHandlers } from './servers/server-handlers.js';
import { createSetupHandlers } from './setup/setup-handlers.js';
import { createStreamHandlers } from './streams/stream-handlers.js';
import { StreamRegistry } from './streams/stream-registry.js';
import { ServerManager } from './servers/server-manager.js';
import { createShellHandlers } from './shell/shell-handlers.js';
import { createUpdatesHandlers } from './updates/updates-handlers.js';
import { SettingsStore } from './app/settings-store.js';
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

  const streams = new StreamRegistry();
  const info: AppInfo = {
    name: 'Mailharbor',
    version: environment.version,
    platform,
    systemLanguage: environment.systemLanguage,
    secretStorage: environment.cipher.strength,
  };

  // One object per feature folder; a handler only where main adds something to the agent's answer.
  return {
    ...createAppHandlers(info, settings, hub),
    ...createServerHandlers(servers),
    ...createForwardedHandlers(servers),
    ...createStreamHandlers(streams),
    ...createJobsHandlers(servers, streams),
    ...createSetupHandlers(servers, {
      smtpProbeTargets: environment.smtpProbeTargets,
      stackEnvironment: environment.stackEnvironment,
      dns: environment.dnsEnvironment,
      dnsQuery: createDnsQuery(),
    }),
    ...createDnsHandlers(servers, {
      dns: environment.dnsEnvironment,
      smtpProbeTargets: environment.smtpProbeTargets,
    }),
    ...createDashboardHandlers(servers, streams),
    ...createShellHandlers(servers, vault),
    ...createBackupsHandlers(servers, vault),
    ...createUpdatesHandlers(servers, environment.stackEnvironment.releaseFeedUrl),
  };
}
