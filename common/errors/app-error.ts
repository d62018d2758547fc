import { z } from 'zod';
import type { ErrorCode } from './error-codes.js';

/**
 * Errors cross every boundary (agent -> main -> window) as values, never as bare strings: a stable
 * code the renderer turns into plain words (what happened, what to do next) in the user's language,
 * parameters for those words, the technical detail that stays folded away, and whether trying again
 * can help. One class on every side, so an error keeps its meaning from the VPS to the screen.
 */
export const ErrorDataSchema = z.object({
  code: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  detail: z.string().optional(),
  retryable: z.boolean(),
});
export type ErrorData = z.infer<typeof ErrorDataSchema>;

export interface ErrorOptions {
  params?: Record<string, string | number>;
  detail?: string | undefined;
  retryable?: boolean;
  /** The JSON-RPC error code, when the agent answered with one. */
  rpcCode?: number | undefined;
}

export class AppError extends Error {
  /** One of ERROR_CODES when raised here; as it came when received from a newer other side. */
  readonly code: string;
  readonly params: Record<string, string | number>;
  readonly detail: string | undefined;
  readonly retryable: boolean;
  readonly rpcCode: number | undefined;

  constructor(code: ErrorCode, options: ErrorOptions = {}) {
    super(options.detail ? `${code}: ${options.detail}` : code);
    this.name = 'AppError';
    this.code = code;
    this.params = options.params ?? {};
    this.detail = options.detail;
    this.retryable = options.retryable ?? false;
    this.rpcCode = options.rpcCode;
  }

  get data(): ErrorData {
    return this.toData();
  }

  toData(): ErrorData {
    const data: ErrorData = { code: this.code, params: this.params, retryable: this.retryable };
    if (this.detail !== undefined) data.detail = this.detail;
    return data;
  }

  /** Rebuilds an error received from the other side; a code this version does not know is kept as it came. */
  static fromData(data: ErrorData, rpcCode?: number): AppError {
    const error = new AppError(data.code as ErrorCode, {
      params: data.params,
      detail: data.detail,
      retryable: data.retryable,
      rpcCode,
    });
    return error;
  }
}

/**
 * Turns anything thrown into error data without leaking stack traces across the boundary. An
 * error that carries error data (an AppError, or one received from the other side) keeps it.
 */
export function toErrorData(error: unknown, fallback: ErrorCode = 'internal'): ErrorData {
  if (error instanceof AppError) return error.toData();
  const carried = ErrorDataSchema.safeParse((error as { data?: unknown } | null)?.data);
  if (error instanceof Error && carried.success) return carried.data;
  const detail = error instanceof Error ? error.message : String(error);
  return { code: fallback, params: {}, detail, retryable: true };
}
