import { z } from 'zod';

/**
 * How each method of the desktop<->agent contract is declared, once, in its feature's contract
 * file. Three kinds:
 * - `method`: a call and its answer;
 * - `forwarded`: the same, and the renderer may call it on a server as it is: main's contract
 *   derives the call (the agent's params plus `serverId`) and one forwarder serves it;
 * - `streamed`: a call that sends a stream of items as notifications until it ends or is
 *   cancelled. Its params and notification carry a `streamId` the caller chose, and every item a
 *   `seq` from 0 without gaps, so one client primitive (id, filter, order, back-pressure, stop)
 *   serves every stream.
 */

/** Chosen by the caller; every item of one stream carries it. */
export const StreamIdSchema = z.string().min(1).max(64);

export interface MethodSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  params: P;
  result: R;
}

export interface ForwardedSpec<P extends z.ZodObject = z.ZodObject, R extends z.ZodType = z.ZodType> extends MethodSpec<
  P,
  R
> {
  forward: true;
}

export interface StreamedSpec<
  P extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
  N extends string = string,
> extends MethodSpec<P, R> {
  /** The notification each item travels in. */
  stream: N;
}

export function method<P extends z.ZodType, R extends z.ZodType>(params: P, result: R): MethodSpec<P, R> {
  return { params, result };
}

export function forwarded<P extends z.ZodObject, R extends z.ZodType>(params: P, result: R): ForwardedSpec<P, R> {
  return { params, result, forward: true };
}

/** A streamed method: `streamId` is added to its params and to its result. */
export function streamed<
  PS extends z.core.$ZodShape,
  PC extends z.core.$ZodObjectConfig,
  RS extends z.core.$ZodShape,
  RC extends z.core.$ZodObjectConfig,
  N extends string,
>(params: z.ZodObject<PS, PC>, result: z.ZodObject<RS, RC>, notification: N) {
  return {
    params: params.extend({ streamId: StreamIdSchema }),
    result: result.extend({ streamId: StreamIdSchema }),
    stream: notification,
  } satisfies StreamedSpec;
}

/** The notification of a stream: the item's fields, plus the stream's id and the item's place in it. */
export function streamItem<S extends z.core.$ZodShape, C extends z.core.$ZodObjectConfig>(item: z.ZodObject<S, C>) {
  return item.extend({
    streamId: StreamIdSchema,
    /** Counts from 0 without gaps within one stream. */
    seq: z.number().int().nonnegative(),
  });
}

export function isForwarded(spec: MethodSpec): spec is ForwardedSpec {
  return (spec as Partial<ForwardedSpec>).forward === true;
}

export function isStreamed(spec: MethodSpec): spec is StreamedSpec {
  return typeof (spec as Partial<StreamedSpec>).stream === 'string';
}
