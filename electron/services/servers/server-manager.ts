import type { SshSession } from '../../ssh/ssh-session.js';
import { AppError } from '../../../common/errors/app-error.js';
import type { AddServerInput, AuthPrompt, HostKeyPrompt, ServerSummary } from '../../contract/server-schemas.js';
import type { AgentArtifacts } from '../../agent/artifacts.js';
import type { EventHub } from '../../rpc/event-hub.js';
import { KnownHostsStore } from '../../ssh/known-hosts-store.js';
import { parsePrivateKey } from '../../ssh/ssh-connect.js';
import type { SecretVault } from '../../vault/secret-vault.js';
import { PromptBroker } from './prompt-broker.js';
import { disconnectedSummary, ServerConnection } from './server-connection.js';
import { ServerSecrets } from './server-secrets.js';
import { ServerStore, type StoredServer } from './server-store.js';

export interface ServerManagerOptions {
  dataDir: string;
  vault: SecretVault;
  artifacts: AgentArtifacts;
  hub: EventHub;
  /** ~/.ssh/known_hosts by default; undefined reads none (tests). */
  userKnownHostsFile: string | undefined;
}

/** Servers the user added, their secrets, and their live connections. */
export class ServerManager {
  readonly hostKeyPrompts = new PromptBroker<HostKeyPrompt>();
  readonly authPrompts = new PromptBroker<AuthPrompt>();
  private readonly store: ServerStore;
  private readonly secrets: ServerSecrets;
  private readonly knownHosts: KnownHostsStore;
  private readonly connections = new Map<string, ServerConnection>();

  constructor(private readonly options: ServerManagerOptions) {
    this.store = new ServerStore(options.dataDir);
    this.secrets = new ServerSecrets(options.vault);
    this.knownHosts = new KnownHostsStore(options.dataDir);
  }

  async list(): Promise<ServerSummary[]> {
    const servers = await this.store.list();
    return Promise.all(servers.map(async (server) => this.summaryOf(server)));
  }

  async add(input: AddServerInput & { port: number }): Promise<ServerSummary> {
    // A key that cannot be read, or a wrong passphrase, is said now rather than at the first connection.
    if (input.auth.method === 'privateKey') parsePrivateKey(input.auth.privateKey, input.auth.passphrase);
    const server: StoredServer = {
      id: ServerStore.newId(),
      name: input.name,
      host: input.host,
      port: input.port,
      username: input.username,
      authMethod: input.auth.method,
      agentSocket: input.auth.method === 'agent' ? input.auth.socket : undefined,
      addedAt: new Date().toISOString(),
    };
    await this.secrets.storeAuth(server.id, input.auth);
    if (input.sudoPassword) await this.secrets.storeSudoPassword(server.id, input.sudoPassword);
    await this.store.add(server);
    await this.broadcast();
    return this.summaryOf(server);
  }

  async remove(id: string): Promise<boolean> {
    this.connections.get(id)?.disconnect();
    this.connections.delete(id);
    const server = await this.store.get(id);
    const removed = await this.store.remove(id);
    await this.secrets.forget(id);
    // A reinstalled server gets a new host key: removing and adding it again must ask afresh,
    // unless another entry still points at the same address.
    if (
      server &&
      !(await this.store.list()).some((other) => other.host === server.host && other.port === server.port)
    ) {
      await this.knownHosts.forget(server.host, server.port);
    }
    await this.broadcast();
    return removed;
  }

  async connect(id: string): Promise<ServerSummary> {
    const connection = await this.connectionFor(id);
    await connection.connect();
    return this.summaryOf(connection.server);
  }

  async disconnect(id: string): Promise<ServerSummary> {
    const connection = await this.connectionFor(id);
    connection.disconnect();
    return this.summaryOf(connection.server);
  }

  async setSudoPassword(id: string, password: string): Promise<ServerSummary> {
    const server = await this.requireServer(id);
    await this.secrets.storeSudoPassword(id, password);
    await this.broadcast();
    return this.summaryOf(server);
  }

  /** The agent of a connected server (connecting first if needed). */
  async agentOf(id: string) {
    return (await this.connectionFor(id)).client();
  }

  /** The SSH session of a server's live connection, if it has one (shells open their channels on it). */
  sessionOf(id: string): SshSession | undefined {
    return this.connections.get(id)?.currentSession;
  }

  private async connectionFor(id: string): Promise<ServerConnection> {
    const existing = this.connections.get(id);
    if (existing) return existing;
    const server = await this.requireServer(id);
    const connection = new ServerConnection(server, {
      artifacts: this.options.artifacts,
      sudoPassword: () => this.secrets.loadSudoPassword(id),
      onChange: () => void this.broadcast(),
      sshOptions: async (stored) => ({
        auth: await this.secrets.loadAuth(stored.id, stored.authMethod, stored.agentSocket),
        knownHosts: this.knownHosts,
        userKnownHostsFile: this.options.userKnownHostsFile,
        confirmHostKey: (key, verdict) =>
          this.hostKeyPrompts.ask<boolean>(
            (promptId) => ({
              promptId,
              serverId: stored.id,
              host: key.host,
              port: key.port,
              keyType: key.keyType,
              fingerprint: key.fingerprint,
              situation: verdict.kind,
              knownTypes: verdict.kind === 'otherTypeKnown' ? verdict.knownTypes : [],
            }),
            (prompt) => this.options.hub.broadcast('hostKey.prompt', prompt),
            false,
          ),
        answerPrompts: async (prompts, instructions) =>
          (await this.authPrompts.ask<string[] | null>(
            (promptId) => ({ promptId, serverId: stored.id, instructions, prompts }),
            (prompt) => this.options.hub.broadcast('auth.prompt', prompt),
            null,
          )) ?? [],
      }),
    });
    this.connections.set(id, connection);
    return connection;
  }

  private async requireServer(id: string): Promise<StoredServer> {
    const server = await this.store.get(id);
    if (!server) throw new AppError('servers.notFound', { params: { id } });
    return server;
  }

  private async summaryOf(server: StoredServer): Promise<ServerSummary> {
    const hasSudoPassword = (await this.secrets.loadSudoPassword(server.id)) !== undefined;
    const connection = this.connections.get(server.id);
    return connection ? connection.summary(hasSudoPassword) : disconnectedSummary(server, hasSudoPassword);
  }

  private async broadcast(): Promise<void> {
    this.options.hub.broadcast('servers.changed', { servers: await this.list() });
  }
}
