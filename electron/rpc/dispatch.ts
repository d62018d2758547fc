import type { z } from 'zod';
import { AppError, toErrorData } from '../../common/errors/app-error.js';
import { calls, isCallName, type CallName, type CallOutput, type ParsedCallInput } from '../contract/contract.js';
import type { CallResult } from '../contract/wire.js';
import type { EventChannel } from './event-channel.js';

/** What a handler knows about its caller: the event channel of that one window or socket. */
export interface CallContext {
  events: EventChannel;
}

export type Handlers = {
  [K in CallName]: (input: ParsedCallInput<K>, context: CallContext) => Promise<CallOutput<K>>;
};

/** Names every field that failed and why, so a bad payload says exactly what to fix. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
}

/**
 * The single entry point for every call, whatever transport carried it: unknown channels and
 * invalid payloads are refused before any handler runs, and outputs are checked too, so a
 * bug in main never hands the renderer something the contract does not promise.
 */
export async function dispatchCall(
  handlers: Handlers,
  name: unknown,
  rawInput: unknown,
  context: CallContext,
): Promise<CallResult> {
  if (!isCallName(name)) {
    return fail(new AppError('contract.unknownChannel', { params: { name: String(name).slice(0, 80) } }));
  }
  const spec = calls[name];
  const parsedInput = spec.input.safeParse(rawInput ?? {});
  if (!parsedInput.success) {
    const fields = parsedInput.error.issues.map((issue) => issue.path.join('.') || '(input)').join(', ');
    return fail(
      new AppError('contract.invalidInput', {
        params: { name, fields },
        detail: describeIssues(parsedInput.error.issues),
      }),
    );
  }
  try {
    const handler = handlers[name] as (input: unknown, context: CallContext) => Promise<unknown>;
    const value = await handler(parsedInput.data, context);
    const parsedOutput = spec.output.safeParse(value);
    if (!parsedOutput.success) {
      return fail(
        new AppError('contract.invalidOutput', { params: { name }, detail: describeIssues(parsedOutput.error.issues) }),
      );
    }
    return { ok: true, value: parsedOutput.data };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}

function fail(error: AppError): CallResult {
  return { ok: false, error: error.toData() };
}
