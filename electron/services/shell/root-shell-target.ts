import { AppError } from '../../../common/errors/app-error.js';
import type { SshSession } from '../../ssh/ssh-session.js';
import type { RootAccess } from '../../ssh/sudo.js';
import type { ServerManager } from '../servers/server-manager.js';
import type { ServerSecrets } from '../servers/server-secrets.js';

/** Where a server's shells run: its live SSH session, and how that login becomes root. */
export interface RootShellTarget {
  session: SshSession;
  access: RootAccess;
}

export type RootShellTargetOf = (serverId: string) => Promise<RootShellTarget>;

/**
 * Connects the server when needed (the same connection the agent uses), then hands out its session
 * with the root access that connect already found and checked.
 */
export function rootShellTargets(servers: ServerManager, secrets: ServerSecrets): RootShellTargetOf {
  return async (serverId) => {
    const summary = await servers.connect(serverId);
    const session = liveSessionOf(servers, serverId);
    if (!session || session.status !== 'connected' || summary.status !== 'connected') {
      throw new AppError('ssh.disconnected', { retryable: true });
    }
    switch (summary.rootAccess) {
      case 'root':
      case 'sudo':
        return { session, access: { kind: summary.rootAccess } };
      case 'sudoPassword': {
        const password = await secrets.loadSudoPassword(serverId);
        if (!password) throw new AppError('sudo.passwordRequired', { retryable: true });
        return { session, access: { kind: 'sudoPassword', password } };
      }
      default:
        throw new AppError('sudo.notAllowed', { params: { username: summary.username } });
    }
  };
}

function liveSessionOf(servers: ServerManager, serverId: string): SshSession | undefined {
  return servers.sessionOf(serverId);
}
