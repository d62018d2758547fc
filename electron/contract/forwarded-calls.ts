import { z } from 'zod';
import { methods, type ForwardedMethodName, type Methods } from '../../common/agent-contract.js';
import { isForwarded } from '../../common/rpc/method-spec.js';
import { ServerIdSchema } from './server-schemas.js';

/**
 * The agent's methods that the renderer calls on a server as they are (declared `forwarded` in the
 * agent's contract): each becomes a call of this contract with the agent's params plus `serverId`,
 * and its answer unchanged. Declared once, there; main serves them all with one forwarder
 * (electron/services/forward-to-agent.ts).
 */
type ShapeOf<S> = S extends z.ZodObject<infer Shape> ? Shape : never;
type ForwardedCall<M extends ForwardedMethodName> = {
  input: z.ZodObject<{ serverId: typeof ServerIdSchema } & ShapeOf<Methods[M]['params']>, z.core.$strict>;
  output: Methods[M]['result'];
};
export type ForwardedCalls = { [M in ForwardedMethodName]: ForwardedCall<M> };

function deriveForwardedCalls(): ForwardedCalls {
  const derived: Record<string, { input: z.ZodType; output: z.ZodType }> = {};
  for (const [name, spec] of Object.entries(methods)) {
    if (!isForwarded(spec)) continue;
    derived[name] = {
      input: z.object({ serverId: ServerIdSchema }).extend(spec.params.shape).strict(),
      output: spec.result,
    };
  }
  return derived as ForwardedCalls;
}

export const forwardedCalls = deriveForwardedCalls();
export const FORWARDED_METHODS = Object.keys(forwardedCalls) as ForwardedMethodName[];
