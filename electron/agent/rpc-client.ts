import type { Readable, Writable } from 'node:stream';
import {
  CANCEL_REQUEST,
  isCompatibleProtocol,
  isNotificationName,
  methods,
  notifications,
  PROTOCOL_VERSION,
  type MethodName,
  type MethodParams,
  type MethodResult,
  type NotificationName,
  type NotificationPayload,
  type StreamMethodName,
  type StreamNotificationOf,
} from '../../common/agent-contract.js';
import { AppError, ErrorDataSchema } from '../../common/errors/app-error.js';
import { describeIssues, isRequestId, type RequestId } from '../../common/rpc/json-rpc.js';
import { LineSplitter } from '../../common/rpc/line-splitter.js';
import { LineWriter } from '../../common/rpc/line-writer.js';
import type { StreamedSpec } from '../../common/rpc/method-spec.js';

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
  private streamCounter = 0;
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
   * Runs a streamed method (jobs.follow, stack.watch, logs.follow): `onItem` gets each item of this
   * stream once and in order, and resolves when the agent answers (the stream ended, or `signal`
   * cancelled it). While `onItem`'s promise is pending no further line is read, so a slow consumer
   * slows the agent down (through the stream's flow control) instead of filling memory here.
   */
  async stream<M extends StreamMethodName>(
    method: M,
    params: Omit<MethodParams<M>, 'streamId'>,
    onItem: (item: NotificationPayload<StreamNotificationOf<M>>) => void | Promise<void>,
    options: { signal?: AbortSignal } = {},
  ): Promise<MethodResult<M>> {
    const spec = methods[method] as StreamedSpec;
    const streamId = `s-${++this.streamCounter}`;
    let expected = 0;
    const unsubscribe = this.onNotification(spec.stream as StreamNotificationOf<M>, async (payload) => {
      const item = payload as { streamId: string; seq: number };
      // Another stream's, or one already handled: never twice.
      if (item.streamId !== streamId || item.seq < expected) return;
      expected = item.seq + 1;
      await onItem(payload);
    });
    try {
      return await this.call(method, { ...params, streamId } as MethodParams<M>, options);
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
