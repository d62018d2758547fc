import type { ForwardedMethodName } from '../../common/agent-contract.js';
import { FORWARDED_METHODS } from '../contract/forwarded-calls.js';
import type { Handlers } from '../rpc/dispatch.js';
import type { ServerManager } from './servers/server-manager.js';

/**
 * The one handler of every forwarded call (the agent methods the renderer calls as they are):
 * the connected server's agent answers, with the params the renderer sent less `serverId`. Both
 * ends check the agent's own schemas, so nothing passes that the agent's contract does not allow.
 */
export function createForwardedHandlers(servers: ServerManager): Pick<Handlers, ForwardedMethodName> {
  const handlers: Partial<Record<ForwardedMethodName, unknown>> = {};
  for (const name of FORWARDED_METHODS) {
    handlers[name] = async ({ serverId, ...params }: { serverId: string }) =>
      (await servers.agentOf(serverId)).call(name, params as never);
  }
  return handlers as Pick<Handlers, ForwardedMethodName>;
}
