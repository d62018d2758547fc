import { EventEmitter } from 'node:events';
import type { Client, ClientChannel, PseudoTtyOptions, SFTPWrapper } from 'ssh2';
import { AppError } from '../../common/errors/app-error.js';
import { commandLine } from './remote-command.js';
import { connectSsh, type ConnectOptions } from './ssh-connect.js';

export type SessionStatus = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface CommandResult {
  code: number | null;
  signal: string | undefined;
  stdout: string;
  stderr: string;
}

const RECONNECT_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 15000, 30000];
const MAX_CAPTURED_OUTPUT = 4 * 1024 * 1024;

/**
 * One connection per server that carries every channel (commands, the agent, SFTP, shells).
 * When it drops, it reconnects with backoff (checking the host key again every time) and says
 * so through 'status' events; after the last attempt it stays closed with the reason.
 */
export class SshSession extends EventEmitter<{ status: [SessionStatus, AppError | undefined] }> {
  private client: Client | undefined;
  private state: SessionStatus = 'closed';
  private closing = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ConnectOptions & { reconnectDelaysMs?: number[] }) {
    super();
  }

  get status(): SessionStatus {
    return this.state;
  }

  async connect(): Promise<void> {
    this.closing = false;
    this.setStatus('connecting');
    try {
      this.attach(await connectSsh(this.options));
    } catch (error) {
      this.setStatus('closed', error as AppError);
      throw error;
    }
  }

  /** Runs a program (argument array) and collects its output, bounded. */
  async run(
    argv: readonly string[],
    options: { stdin?: string | Buffer; timeoutMs?: number } = {},
  ): Promise<CommandResult> {
    const channel = await this.exec(argv);
    return new Promise((resolve, reject) => {
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let size = 0;
      const collect = (into: Buffer[]) => (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_CAPTURED_OUTPUT) into.push(chunk);
      };
      const timer = setTimeout(() => {
        channel.close();
        reject(new AppError('ssh.timeout', { detail: `${argv[0]} did not finish in time`, retryable: true }));
      }, options.timeoutMs ?? 120_000);
      channel.on('data', collect(stdout));
      channel.stderr.on('data', collect(stderr));
      let code: number | null = null;
      let signal: string | undefined;
      channel.on('exit', (exitCode: number | null, exitSignal?: string) => {
        code = exitCode;
        signal = exitSignal;
      });
      channel.on('close', () => {
        clearTimeout(timer);
        resolve({
          code,
          signal,
          stdout: Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8'),
        });
      });
      channel.end(options.stdin);
    });
  }

  /** Opens an exec channel for a program (argument array); the caller owns its streams. */
  exec(argv: readonly string[]): Promise<ClientChannel> {
    const client = this.requireClient();
    const command = commandLine(argv);
    return new Promise((resolve, reject) => {
      client.exec(command, (error, channel) => (error ? reject(this.channelError(error)) : resolve(channel)));
    });
  }

  /** An interactive login shell on a pseudo-terminal; the caller owns its streams. */
  shell(pty: PseudoTtyOptions): Promise<ClientChannel> {
    const client = this.requireClient();
    return new Promise((resolve, reject) => {
      client.shell(pty, (error, channel) => (error ? reject(this.channelError(error)) : resolve(channel)));
    });
  }

  /** A program (argument array) on a pseudo-terminal, for what must see a terminal (sudo's prompt). */
  execOnPty(argv: readonly string[], pty: PseudoTtyOptions): Promise<ClientChannel> {
    const client = this.requireClient();
    const command = commandLine(argv);
    return new Promise((resolve, reject) => {
      client.exec(command, { pty }, (error, channel) => (error ? reject(this.channelError(error)) : resolve(channel)));
    });
  }

  sftp(): Promise<SFTPWrapper> {
    const client = this.requireClient();
    return new Promise((resolve, reject) => {
      client.sftp((error, sftp) => (error ? reject(this.channelError(error)) : resolve(sftp)));
    });
  }

  close(): void {
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    this.client?.end();
    this.client = undefined;
    this.setStatus('closed');
  }

  private attach(client: Client): void {
    this.client = client;
    this.setStatus('connected');
    client.once('close', () => {
      if (this.client !== client) return;
      this.client = undefined;
      if (!this.closing) this.scheduleReconnect(0);
    });
    // Errors after 'ready' end in 'close'; they must not crash the process.
    client.on('error', () => {});
  }

  private scheduleReconnect(attempt: number): void {
    const delays = this.options.reconnectDelaysMs ?? RECONNECT_DELAYS_MS;
    if (attempt >= delays.length) {
      this.setStatus('closed', new AppError('ssh.disconnected', { retryable: true }));
      return;
    }
    this.setStatus('reconnecting');
    this.reconnectTimer = setTimeout(() => {
      connectSsh(this.options).then(
        (client) => (this.closing ? client.end() : this.attach(client)),
        (error: AppError) => {
          // A changed host key or a refused login will not get better by retrying.
          if (!error.retryable || error.code === 'ssh.authFailed') this.setStatus('closed', error);
          else if (!this.closing) this.scheduleReconnect(attempt + 1);
        },
      );
    }, delays[attempt]);
  }

  private requireClient(): Client {
    if (!this.client) throw new AppError('ssh.disconnected', { retryable: true });
    return this.client;
  }

  private channelError(error: Error): AppError {
    return new AppError('ssh.disconnected', { detail: error.message, retryable: true });
  }

  private setStatus(status: SessionStatus, error?: AppError): void {
    this.state = status;
    this.emit('status', status, error);
  }
}
