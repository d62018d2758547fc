import type { Readable, Writable } from 'node:stream';
import {
  CANCEL_REQUEST,
  isCompatibleProtocol,
  isNotificationName,
  methods,
  notifications,
  PROTOCOL_VERSION,
  type JobEvent,
  type MethodName,
  type MethodParams,
  type MethodResult,
  type NotificationName,
  type NotificationPayload,
} from '../../common/agent-contract.js';
import { AppError, ErrorDataSchema } from '../../common/errors/app-error.js';
import { describeIssues, isRequestId, type RequestId } from '../../common/rpc/json-rpc.js';
import { LineSplitter } from '../../common/rpc/line-splitter.js';
import { LineWriter } from '../../common/rpc/line-writer.js';

export interface AgentStreams {
  /** What the agent writes: the SSH exec channel's stdout (in tests, the child's stdout). */
  fromAgent: Readable;
  /** What the agent reads: the channel's stdin. */
  toAgent: Writable;
}

export interface ConnectOptions {
  /** How long the handshake may take before the agent counts as broken. */
  helloTimeoutMs?: number;
  /** Lines that are not valid protocol (logged by the caller, never thrown at it). */
  onDiagnostic?: (message: string) => void;
}

export type HelloInfo = MethodResult<'agent.hello'>;
export type FollowResult = MethodResult<'jobs.follow'>;
export type StackWatchEvent = NotificationPayload<'stack.watchEvent'>;
export type LogsLines = NotificationPayload<'logs.lines'>;
export type LogsFollowOptions = Omit<MethodParams<'logs.follow'>, 'followId'>;

type Listener<N extends NotificationName> = (payload: NotificationPayload<N>) => void | Promise<void>;

interface Pending {
  method: MethodName;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The desktop's side of the agent protocol, over any pair of streams. Calls and results are
 * checked against the shared contract, notifications go to subscribers, and a subscriber that
 * returns a promise holds the reading of further lines until it settles, so a slow consumer
 * slows the agent down (through the stream's flow control) instead of filling memory here.
 * The only way to get a client is connect(), which has done the handshake.
 */
export class AgentRpcClient {
  private nextId = 1;
  private readonly pending = new Map<RequestId, Pending>();
  private readonly listeners = new Map<NotificationName, Set<Listener<NotificationName>>>();
  private readonly writer: LineWriter;
  private closedError: AppError | undefined;
  private followCounter = 0;
  private hello: HelloInfo | undefined;

  private constructor(
    private readonly streams: AgentStreams,
    private readonly onDiagnostic: (message: string) => void,
  ) {
    this.writer = new LineWriter(streams.toAgent);
    void this.readLoop();
  }

  /** Connects and shakes hands; refuses an agent whose protocol major differs from ours. */
  static async connect(streams: AgentStreams, options: ConnectOptions = {}): Promise<AgentRpcClient> {
    const client = new AgentRpcClient(streams, options.onDiagnostic ?? (() => {}));
    const timeoutMs = options.helloTimeoutMs ?? 15_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      const hello = await Promise.race([
        client.call('agent.hello', { clientProtocol: PROTOCOL_VERSION }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new AppError('agent.disconnected', {
                  params: { timeoutMs },
                  detail: `the agent did not answer the handshake within ${timeoutMs} ms`,
                  retryable: true,
                }),
              ),
            timeoutMs,
          );
        }),
      ]);
      if (!isCompatibleProtocol(hello.protocolVersion, PROTOCOL_VERSION)) {
        throw new AppError('agent.protocolMismatch', {
          params: { agentProtocol: hello.protocolVersion, clientProtocol: PROTOCOL_VERSION },
          detail: `the agent on the server speaks protocol ${hello.protocolVersion} (agent ${hello.agentVersion}), this app speaks ${PROTOCOL_VERSION}: redeploy the agent`,
          retryable: false,
        });
      }
      client.hello = hello;
      return client;
    } catch (error) {
      client.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** What the agent said about itself in the handshake. */
  get agent(): HelloInfo {
    if (!this.hello) throw new Error('handshake not done');
    return this.hello;
  }

  get isClosed(): boolean {
    return this.closedError !== undefined;
  }

  /**
   * Calls a method; parameters are checked before sending, the result after receiving. Aborting
   * `signal` asks the agent to cancel; the call then ends with whatever the agent answers
   * (jobs.follow answers `ended: 'cancelled'`).
   */
  async call<M extends MethodName>(
    method: M,
    params: MethodParams<M>,
    options: { signal?: AbortSignal } = {},
  ): Promise<MethodResult<M>> {
    if (this.closedError) throw this.closedError;
    const checked = methods[method].params.safeParse(params);
    if (!checked.success) {
      const { fields, detail } = describeIssues(checked.error.issues);
      throw new AppError('rpc.invalidParams', { params: { method, fields }, detail, retryable: false });
    }
    const id = this.nextId++;
    const result = new Promise<unknown>((resolve, reject) => this.pending.set(id, { method, resolve, reject }));
    // Handled below; without this, a rejection while the request is still being written (the
    // stream closing) would count as unhandled and take the whole main process down.
    result.catch(() => {});
    const onAbort = () => void this.notify(CANCEL_REQUEST, { id });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await this.writer.send({ jsonrpc: '2.0', id, method, params: checked.data });
      if (options.signal?.aborted) onAbort();
      return (await result) as MethodResult<M>;
    } catch (error) {
      this.pending.delete(id);
      throw error instanceof AppError ? error : this.disconnectedError(error);
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Subscribes to a notification; returns the unsubscribe function. */
  onNotification<N extends NotificationName>(name: N, listener: Listener<N>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as Listener<NotificationName>);
    return () => set.delete(listener as Listener<NotificationName>);
  }

  /**
   * Streams a job's journal from `fromOffset` to `onEvent`, each event exactly once and in order,
   * and resolves when the job has finished (or `signal` ended the follow). After a dropped
   * connection, reconnect and call again with the offset after the last event handled.
   */
  async followJob(
    jobId: string,
    fromOffset: number,
    onEvent: (event: JobEvent) => void | Promise<void>,
    options: { signal?: AbortSignal } = {},
  ): Promise<FollowResult> {
    const followId = `follow-${++this.followCounter}`;
    let expected = fromOffset;
    let gap: AppError | undefined;
    const unsubscribe = this.onNotification('jobs.event', async (payload) => {
      if (payload.followId !== followId) return;
      const event = payload.event as JobEvent;
      if (event.offset < expected) return; // already handled: never twice
      if (event.offset > expected) {
        gap ??= new AppError('jobs.journalCorrupt', {
          params: { jobId, offset: expected },
          detail: `expected offset ${expected}, got ${event.offset}`,
          retryable: true,
        });
        return;
      }
      expected = event.offset + 1;
      await onEvent(event);
    });
    try {
      const result = await this.call('jobs.follow', { jobId, fromOffset, followId }, options);
      if (gap) throw gap;
      return result;
    } finally {
      unsubscribe();
    }
  }

  /**
   * Streams the stack's status to `onEvent` (a snapshot, then changes, each seq once and in order)
   * until `signal` aborts; then the agent answers `ended: 'cancelled'`. A returned promise from
   * `onEvent` holds the reading of further lines, as with followJob.
   */
  async watchStack(
    onEvent: (event: StackWatchEvent['event']) => void | Promise<void>,
    options: { signal: AbortSignal; stats?: boolean },
  ): Promise<MethodResult<'stack.watch'>> {
    const watchId = `watch-${++this.followCounter}`;
    let expected = 0;
    const unsubscribe = this.onNotification('stack.watchEvent', async (payload) => {
      if (payload.watchId !== watchId || payload.seq < expected) return;
      expected = payload.seq + 1;
      await onEvent(payload.event);
    });
    try {
      const params = options.stats === undefined ? { watchId } : { watchId, stats: options.stats };
      return await this.call('stack.watch', params, { signal: options.signal });
    } finally {
      unsubscribe();
    }
  }

  /**
   * Streams the logs of the chosen services to `onLines` until `signal` aborts. While `onLines`'s
   * promise is pending no further line is read, so the agent's bounded queue fills and drops the
   * oldest lines (marked by 'skipped' entries) instead of anything growing here.
   */
  async followLogs(
    params: LogsFollowOptions,
    onLines: (entries: LogsLines['entries']) => void | Promise<void>,
    options: { signal: AbortSignal },
  ): Promise<MethodResult<'logs.follow'>> {
    const followId = `logs-${++this.followCounter}`;
    const unsubscribe = this.onNotification('logs.lines', async (payload) => {
      if (payload.followId === followId) await onLines(payload.entries);
    });
    try {
      return await this.call('logs.follow', { ...params, followId }, { signal: options.signal });
    } finally {
      unsubscribe();
    }
  }

  /** Ends the session: the agent sees its stdin close and leaves; jobs go on running. */
  close(): void {
    this.shutdown(new AppError('agent.disconnected', { params: {}, detail: 'client closed', retryable: true }));
    this.streams.toAgent.end();
  }

  private async notify(method: string, params: unknown): Promise<void> {
    try {
      await this.writer.send({ jsonrpc: '2.0', method, params });
    } catch {
      // Gone: the pending call is rejected by the read loop anyway.
    }
  }

  private async readLoop(): Promise<void> {
    const splitter = new LineSplitter();
    let reason = 'the agent closed its output';
    try {
      for await (const chunk of this.streams.fromAgent) {
        for (const item of splitter.push(chunk as Buffer)) {
          if ('tooLong' in item) this.onDiagnostic(`dropped a line of ${item.tooLong} bytes from the agent`);
          else await this.handleLine(item.line);
        }
      }
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    this.shutdown(new AppError('agent.disconnected', { params: {}, detail: `${reason}`, retryable: true }));
  }

  private async handleLine(line: string): Promise<void> {
    if (line.trim() === '') return;
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      this.onDiagnostic(`not JSON from the agent: ${line.slice(0, 200)}`);
      return;
    }
    if (typeof message !== 'object' || message === null || message.jsonrpc !== '2.0') {
      this.onDiagnostic(`not JSON-RPC from the agent: ${line.slice(0, 200)}`);
      return;
    }
    if (typeof message.method === 'string') return this.dispatchNotification(message.method, message.params);
    if (isRequestId(message.id)) return this.settle(message.id, message);
    if ('error' in message) this.onDiagnostic(`agent error without request: ${line.slice(0, 500)}`);
  }

  private async dispatchNotification(method: string, params: unknown): Promise<void> {
    if (!isNotificationName(method)) {
      this.onDiagnostic(`unknown notification from the agent: ${method}`);
      return;
    }
    const parsed = notifications[method].safeParse(params);
    if (!parsed.success) {
      this.onDiagnostic(`invalid ${method} from the agent: ${describeIssues(parsed.error.issues).detail}`);
      return;
    }
    for (const listener of [...(this.listeners.get(method) ?? [])]) {
      try {
        await listener(parsed.data);
      } catch (error) {
        this.onDiagnostic(`a ${method} listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  private settle(id: RequestId, message: Record<string, unknown>): void {
    const pending = this.pending.get(id);
    if (!pending) {
      this.onDiagnostic(`answer to an unknown request ${String(id)}`);
      return;
    }
    this.pending.delete(id);
    if ('error' in message) {
      pending.reject(errorFromRpc(message.error));
      return;
    }
    const checked = methods[pending.method].result.safeParse(message.result);
    if (checked.success) pending.resolve(checked.data);
    else {
      const { detail } = describeIssues(checked.error.issues);
      pending.reject(
        new AppError('agent.invalidResult', { params: { method: pending.method }, detail, retryable: false }),
      );
    }
  }

  private shutdown(error: AppError): void {
    this.closedError ??= error;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const call of pending) call.reject(this.closedError);
  }

  private disconnectedError(cause: unknown): AppError {
    if (this.closedError) return this.closedError;
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new AppError('agent.disconnected', { params: {}, detail, retryable: true });
  }
}

function errorFromRpc(raw: unknown): AppError {
  const error = (raw ?? {}) as { code?: unknown; message?: unknown; data?: unknown };
  const rpcCode = typeof error.code === 'number' ? error.code : undefined;
  const data = ErrorDataSchema.safeParse(error.data);
  if (data.success) return AppError.fromData(data.data, rpcCode);
  return new AppError('agent.internal', {
    params: { rpcCode: rpcCode ?? 0 },
    detail: typeof error.message === 'string' ? error.message : 'unknown error',
    retryable: false,
    rpcCode,
  });
}
