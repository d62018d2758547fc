import type { Handlers } from '../../rpc/dispatch.js';
import type { SecretVault } from '../../vault/secret-vault.js';
import type { ServerManager } from '../servers/server-manager.js';
import { ServerSecrets } from '../servers/server-secrets.js';
import { rootShellTargets } from './root-shell-target.js';
import { ShellManager } from './shell-manager.js';

type ShellCalls = Pick<Handlers, 'shell.open' | 'shell.input' | 'shell.resize' | 'shell.close'>;

/** The renderer's calls for root shells on its servers; a window reaches only the shells it opened. */
export function createShellHandlers(servers: ServerManager, vault: SecretVault): ShellCalls {
  const shells = new ShellManager(rootShellTargets(servers, new ServerSecrets(vault)));
  return {
    'shell.open': async ({ serverId, cols, rows }, { events }) => ({
      shellId: await shells.open(serverId, { cols, rows }, events),
    }),
    'shell.input': async ({ shellId, data }, { events }) => {
      const shell = shells.find(shellId, events);
      if (shell) await shell.write(data);
      return { open: shell !== undefined };
    },
    'shell.resize': async ({ shellId, cols, rows }, { events }) => {
      const shell = shells.find(shellId, events);
      shell?.resize(cols, rows);
      return { open: shell !== undefined };
    },
    'shell.close': async ({ shellId }, { events }) => {
      const shell = shells.find(shellId, events);
      shell?.close();
      return { open: shell !== undefined };
    },
  };
}
