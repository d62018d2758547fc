import { AppError, type ErrorData, toErrorData } from '../../../common/errors/app-error.js';
import type { ConnectionStatus, ServerSummary } from '../../contract/server-schemas.js';
import { startAgent, type RunningAgent } from '../../agent/agent-launcher.js';
import type { AgentArtifacts } from '../../agent/artifacts.js';
import type { ConnectOptions } from '../../ssh/ssh-connect.js';
import { SshSession } from '../../ssh/ssh-session.js';
import { probeRootAccess, verifyRootAccess, type RootAccess } from '../../ssh/sudo.js';
import type { StoredServer } from './server-store.js';

export interface ConnectionDependencies {
  artifacts: AgentArtifacts;
  /** Everything ConnectOptions needs except the target and auth, which come from the server. */
  sshOptions: (server: StoredServer) => Promise<Omit<ConnectOptions, 'target'>>;
  sudoPassword: () => Promise<string | undefined>;
  onChange: () => void;
}

/** How a server looks while nothing is connected to it. */
export function disconnectedSummary(server: StoredServer, hasSudoPassword: boolean): ServerSummary {
  return {
    id: server.id,
    name: server.name,
    host: server.host,
    port: server.port,
    username: server.username,
    authMethod: server.authMethod,
    hasSudoPassword,
    status: 'disconnected',
  };
}

/**
 * One server's live connection: the SSH session, how it becomes root, and the agent running as
 * root on it. A dropped connection reconnects on its own (the session's backoff) and the agent
 * is started again, so callers only see 'reconnecting' and then 'connected'.
 */
export class ServerConnection {
  private session: SshSession | undefined;

  /** The live SSH session, for channels beside the agent's (interactive shells). */
  get currentSession(): SshSession | undefined {
    return this.session;
  }
  private agent: RunningAgent | undefined;
  private status: ConnectionStatus = 'disconnected';
  private lastError: ErrorData | undefined;
  private rootAccess: RootAccess['kind'] | undefined;
  private lastUploadBytes: number | undefined;
  private connecting: Promise<void> | undefined;

  constructor(
    readonly server: StoredServer,
    private readonly dependencies: ConnectionDependencies,
  ) {}

  summary(hasSudoPassword: boolean): ServerSummary {
    const hello = this.agent && !this.agent.client.isClosed ? this.agent.client.agent : undefined;
    return {
      ...disconnectedSummary(this.server, hasSudoPassword),
      status: this.status,
      lastError: this.lastError,
      rootAccess: this.rootAccess,
      agent: hello ? { version: hello.agentVersion, arch: hello.arch, nodeVersion: hello.nodeVersion } : undefined,
      lastUploadBytes: this.lastUploadBytes,
    };
  }

  /** The agent client, connecting first when needed. */
  async client(): Promise<RunningAgent['client']> {
    if (!this.agent || this.agent.client.isClosed) await this.connect();
    return this.agent!.client;
  }

  connect(): Promise<void> {
    this.connecting ??= this.doConnect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  disconnect(): void {
    this.agent?.client.close();
    this.agent = undefined;
    this.session?.close();
    this.session = undefined;
    this.setStatus('disconnected', undefined);
  }

  private async doConnect(): Promise<void> {
    if (this.status === 'connected' && this.agent && !this.agent.client.isClosed) return;
    this.setStatus('connecting', undefined);
    try {
      const options = await this.dependencies.sshOptions(this.server);
      const session = new SshSession({
        ...options,
        target: { host: this.server.host, port: this.server.port, username: this.server.username },
      });
      await session.connect();
      this.session?.close();
      this.session = session;
      session.on('status', (status, error) => this.onSessionStatus(session, status, error));
      await this.startAgentOn(session);
    } catch (error) {
      this.session?.close();
      this.session = undefined;
      this.setStatus('failed', toErrorData(error));
      throw error;
    }
  }

  private async startAgentOn(session: SshSession): Promise<void> {
    const access = await this.resolveRootAccess(session);
    const agent = await startAgent(session, access, this.dependencies.artifacts);
    this.agent = agent;
    this.lastUploadBytes = agent.install?.uploadedBytes ?? 0;
    this.setStatus('connected', undefined);
  }

  private async resolveRootAccess(session: SshSession): Promise<RootAccess> {
    const probe = await probeRootAccess(session);
    if (probe === 'none') throw new AppError('sudo.notAllowed', { params: { username: this.server.username } });
    let access: RootAccess;
    if (probe === 'sudoPassword') {
      const password = await this.dependencies.sudoPassword();
      if (!password) throw new AppError('sudo.passwordRequired', { retryable: true });
      access = { kind: 'sudoPassword', password };
    } else {
      access = { kind: probe };
    }
    if (access.kind !== 'root') await verifyRootAccess(session, access);
    this.rootAccess = access.kind;
    return access;
  }

  private onSessionStatus(session: SshSession, status: string, error: AppError | undefined): void {
    if (session !== this.session) return;
    if (status === 'reconnecting') {
      this.agent?.client.close();
      this.agent = undefined;
      this.setStatus('reconnecting', error?.toData());
    } else if (status === 'connected' && this.status === 'reconnecting') {
      this.startAgentOn(session).catch((failure: unknown) => this.setStatus('failed', toErrorData(failure)));
    } else if (status === 'closed' && this.status !== 'disconnected') {
      this.agent = undefined;
      this.setStatus('failed', error?.toData() ?? new AppError('ssh.disconnected', { retryable: true }).toData());
    }
  }

  private setStatus(status: ConnectionStatus, error: ErrorData | undefined): void {
    this.status = status;
    this.lastError = error;
    this.dependencies.onChange();
  }
}
