import type { Handlers } from '../../rpc/dispatch.js';
import { renderCloudInit } from './cloud-init.js';
import { generateKeyPair } from './key-pair.js';
import type { ServerManager } from './server-manager.js';

type ServerCalls = Pick<
  Handlers,
  | 'servers.list'
  | 'servers.add'
  | 'servers.remove'
  | 'servers.connect'
  | 'servers.disconnect'
  | 'servers.setSudoPassword'
  | 'hostKey.answer'
  | 'auth.answer'
  | 'prompts.pending'
  | 'keys.generate'
  | 'cloudInit.render'
>;

/** The renderer's calls about servers: stored, connected, trusted, and new ones with a key of their own. */
export function createServerHandlers(servers: ServerManager): ServerCalls {
  return {
    'servers.list': async () => ({ servers: await servers.list() }),
    'servers.add': async (input) => servers.add(input),
    'servers.remove': async ({ id }) => ({ removed: await servers.remove(id) }),
    'servers.connect': async ({ id }) => servers.connect(id),
    'servers.disconnect': async ({ id }) => servers.disconnect(id),
    'servers.setSudoPassword': async ({ id, password }) => servers.setSudoPassword(id, password),
    'hostKey.answer': async ({ promptId, accept }) => ({ ok: servers.hostKeyPrompts.answer(promptId, accept) }),
    'auth.answer': async ({ promptId, answers }) => ({ ok: servers.authPrompts.answer(promptId, answers) }),
    'prompts.pending': async () => ({ hostKey: servers.hostKeyPrompts.open(), auth: servers.authPrompts.open() }),
    'keys.generate': async ({ comment }) => generateKeyPair(comment),
    'cloudInit.render': async (input) => ({ userData: renderCloudInit(input) }),
  };
}
