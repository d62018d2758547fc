import type { Readable } from 'node:stream';
import {
  CANCEL_REQUEST,
  CancelRequestParamsSchema,
  isMethodName,
  methods,
  notifications,
  type MethodName,
  type MethodResult,
  type NotificationName,
  type ParsedMethodParams,
  type StreamItemOf,
  type StreamMethodName,
} from '../../../common/agent-contract.js';
import { AppError, type ErrorData, toErrorData } from '../../../common/errors/app-error.js';
import {
  describeIssues,
  isRequestId,
  JSONRPC_APPLICATION_ERROR,
  JSONRPC_INTERNAL_ERROR,
  JSONRPC_INVALID_PARAMS,
  JSONRPC_INVALID_REQUEST,
  JSONRPC_METHOD_NOT_FOUND,
  JSONRPC_PARSE_ERROR,
  type JsonRpcErrorObject,
  type RequestId,
} from '../../../common/rpc/json-rpc.js';
import { LineSplitter } from '../../../common/rpc/line-splitter.js';
import { isStreamed, type MethodSpec } from '../../../common/rpc/method-spec.js';
import type { LineWriter } from '../../../common/rpc/line-writer.js';

export interface HandlerContext {
  /** Aborted when the client cancels this request or goes away. */
  signal: AbortSignal;
}

/** What a streamed method's handler gets: it emits items; the server numbers them and adds the stream's id. */
export interface StreamContext<M extends StreamMethodName> extends HandlerContext {
  /** Sends one item, waiting while the client reads more slowly than we write. */
  emit(item: StreamItemOf<M>): Promise<void>;
}

/** A streamed method's handler sees neither the stream id in its params nor in its result: the server keeps both. */
export type Handlers = {
  [M in MethodName]: M extends StreamMethodName
    ? (
        params: Omit<ParsedMethodParams<M>, 'streamId'>,
        context: StreamContext<M>,
      ) => Promise<Omit<MethodResult<M>, 'streamId'>>
    : (params: ParsedMethodParams<M>, context: HandlerContext) => Promise<MethodResult<M>>;
};

/** Requests handled at once; beyond this the server stops reading until one finishes. */
const MAX_IN_FLIGHT = 64;
const HANDSHAKE = 'agent.hello';

/**
 * JSON-RPC 2.0 over newline-delimited JSON. Requests run concurrently (a long jobs.follow must
 * not block the jobs.cancel behind it), at most MAX_IN_FLIGHT at once. Every method except the
 * handshake is refused until the handshake succeeded, so no call ever runs against a client
 * whose protocol was not checked. Resolves when the input ends, after aborting what still runs.
 */
export async function serveRpc(input: Readable, writer: LineWriter, handlers: Handlers): Promise<void> {
  const inFlight = new Map<RequestId, AbortController>();
  const running = new Set<Promise<void>>();
  let handshakeDone = false;

  const reply = (message: object) =>
    writer.send({ jsonrpc: '2.0', ...message }).catch(() => {
      // The client is gone; there is nobody left to tell.
    });
  const replyError = (id: RequestId | null, error: JsonRpcErrorObject) => reply({ id, error });

  const handleLine = async (line: string): Promise<void> => {
    if (line.trim() === '') return;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return replyError(null, rpcError(JSONRPC_PARSE_ERROR, 'Parse error', 'rpc.parseError', {}, detail));
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      const detail = Array.isArray(message) ? 'batch requests are not supported' : 'a request must be an object';
      return replyError(null, rpcError(JSONRPC_INVALID_REQUEST, 'Invalid Request', 'rpc.invalidRequest', {}, detail));
    }
    const request = message as Record<string, unknown>;
    const hasId = 'id' in request;
    const id = isRequestId(request.id) ? request.id : null;
    if (request.jsonrpc !== '2.0' || typeof request.method !== 'string' || (hasId && id === null)) {
      const field = request.jsonrpc !== '2.0' ? 'jsonrpc' : typeof request.method !== 'string' ? 'method' : 'id';
      return replyError(
        id,
        rpcError(JSONRPC_INVALID_REQUEST, `Invalid Request: ${field}`, 'rpc.invalidRequest', { field }),
      );
    }
    const name = request.method;
    if (!hasId) return handleNotification(name, request.params);
    const requestId = id as RequestId;
    if (!isMethodName(name)) {
      return replyError(
        requestId,
        rpcError(JSONRPC_METHOD_NOT_FOUND, `Method not found: ${name.slice(0, 80)}`, 'rpc.methodNotFound', {
          method: name.slice(0, 80),
        }),
      );
    }
    if (!handshakeDone && name !== HANDSHAKE) {
      const error = new AppError('agent.handshakeRequired', { params: { method: name } }).toData();
      return replyError(requestId, { code: JSONRPC_APPLICATION_ERROR, message: 'Handshake required', data: error });
    }
    const parsed = methods[name].params.safeParse(request.params ?? {});
    if (!parsed.success) {
      const { fields, detail } = describeIssues(parsed.error.issues);
      return replyError(
        requestId,
        rpcError(
          JSONRPC_INVALID_PARAMS,
          `Invalid params: ${fields}`,
          'rpc.invalidParams',
          { method: name, fields },
          detail,
        ),
      );
    }
    const controller = new AbortController();
    inFlight.set(requestId, controller);
    try {
      const spec: MethodSpec = methods[name];
      let params: unknown = parsed.data;
      let context: HandlerContext = { signal: controller.signal };
      let streamId: string | undefined;
      if (isStreamed(spec)) {
        const { streamId: id, ...rest } = parsed.data as { streamId: string };
        streamId = id;
        params = rest;
        context = streamContext(spec.stream as NotificationName, id, controller.signal, writer);
      }
      const handler = handlers[name] as (params: unknown, context: HandlerContext) => Promise<unknown>;
      const answer = await handler(params, context);
      const result = streamId === undefined ? answer : { ...(answer as object), streamId };
      const checked = spec.result.safeParse(result);
      if (!checked.success) {
        const { detail } = describeIssues(checked.error.issues);
        return replyError(
          requestId,
          rpcError(
            JSONRPC_INTERNAL_ERROR,
            'Internal error: invalid result',
            'agent.invalidResult',
            { method: name },
            detail,
          ),
        );
      }
      if (name === HANDSHAKE) handshakeDone = true;
      return reply({ id: requestId, result: checked.data });
    } catch (error) {
      const data = toErrorData(error, 'agent.internal');
      return replyError(requestId, { code: JSONRPC_APPLICATION_ERROR, message: data.detail ?? data.code, data });
    } finally {
      inFlight.delete(requestId);
    }
  };

  const handleNotification = async (name: string, params: unknown): Promise<void> => {
    // Notifications get no answer, not even an error (JSON-RPC 2.0, section 4.1).
    if (name !== CANCEL_REQUEST) return;
    const parsed = CancelRequestParamsSchema.safeParse(params);
    if (parsed.success) inFlight.get(parsed.data.id)?.abort();
  };

  const track = (work: Promise<void>) => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  const splitter = new LineSplitter();
  const handleItems = async (items: ReturnType<LineSplitter['push']>) => {
    for (const item of items) {
      if ('tooLong' in item) {
        track(
          replyError(
            null,
            rpcError(JSONRPC_PARSE_ERROR, 'Parse error: line too long', 'rpc.lineTooLong', { bytes: item.tooLong }),
          ),
        );
        continue;
      }
      // Until the handshake is done, requests run one after another, so that calls pipelined
      // right behind agent.hello are judged after it rather than refused beside it.
      if (!handshakeDone) await handleLine(item.line);
      else track(handleLine(item.line));
      if (running.size >= MAX_IN_FLIGHT) await Promise.race(running);
    }
  };
  try {
    for await (const chunk of input) await handleItems(splitter.push(chunk as Buffer));
    await handleItems(splitter.end());
  } finally {
    for (const controller of inFlight.values()) controller.abort();
    await Promise.allSettled([...running]);
  }
}

/** Numbers a stream's items from 0, adds its id, and checks each against the contract before it goes. */
function streamContext(
  notification: NotificationName,
  streamId: string,
  signal: AbortSignal,
  writer: LineWriter,
): StreamContext<StreamMethodName> {
  let seq = 0;
  return {
    signal,
    async emit(item) {
      const checked = notifications[notification].safeParse({ ...item, streamId, seq });
      if (!checked.success) {
        const { detail } = describeIssues(checked.error.issues);
        throw new AppError('agent.invalidResult', { params: { notification }, detail });
      }
      seq++;
      await writer.send({ jsonrpc: '2.0', method: notification, params: checked.data });
    },
  };
}

function rpcError(
  code: number,
  message: string,
  appCode: string,
  params: Record<string, string | number>,
  detail?: string,
): JsonRpcErrorObject {
  const data: ErrorData = { code: appCode, params, retryable: false };
  if (detail !== undefined) data.detail = detail;
  return { code, message, data };
}
