import type { z } from 'zod';
import { type ErrorData } from '../errors/app-error.js';

/**
 * JSON-RPC 2.0 as we use it: one message per line, no batches. Error objects carry our error
 * value in `data`, so the desktop can show the same words whether the error came from JSON-RPC
 * itself (bad JSON, unknown method) or from a job.
 */
export const JSONRPC_PARSE_ERROR = -32700;
export const JSONRPC_INVALID_REQUEST = -32600;
export const JSONRPC_METHOD_NOT_FOUND = -32601;
export const JSONRPC_INVALID_PARAMS = -32602;
export const JSONRPC_INTERNAL_ERROR = -32603;
/** Implementation-defined server error: an AppError from a handler. */
export const JSONRPC_APPLICATION_ERROR = -32000;

/** Longest line either side accepts; a longer one is refused, never buffered whole. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

export type RequestId = number | string;

export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id: RequestId;
  method: string;
  params?: unknown;
}

export interface JsonRpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: unknown;
}

export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: ErrorData;
}

export type JsonRpcResponse =
  | { jsonrpc: '2.0'; id: RequestId; result: unknown }
  | { jsonrpc: '2.0'; id: RequestId | null; error: JsonRpcErrorObject };

export type JsonRpcMessage = JsonRpcRequest | JsonRpcNotification | JsonRpcResponse;

export function isRequestId(value: unknown): value is RequestId {
  return (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string';
}

/** Every failing field by its path, and why, so a bad payload says exactly what to fix. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): { fields: string; detail: string } {
  const named = issues.map((issue) => {
    const base = issue.path.map(String).join('.');
    // An unknown key is reported on the parent object: name the key itself.
    const field =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => (base ? `${base}.${key}` : key)).join(', ')
        : base || '(params)';
    return { field, message: issue.message };
  });
  return {
    fields: named.map((entry) => entry.field).join(', '),
    detail: named.map((entry) => `${entry.field}: ${entry.message}`).join('; '),
  };
}
