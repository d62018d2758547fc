import type { SshAuth } from '../../ssh/target.js';
import type { SecretVault } from '../../vault/secret-vault.js';

/** Which secret of a server: ids are made here, never from user text. */
const secretId = (serverId: string, what: 'password' | 'private-key' | 'passphrase' | 'sudo-password') =>
  `${serverId}:${what}`;

/** A server's login secrets, kept in the vault and put back together only when connecting. */
export class ServerSecrets {
  constructor(private readonly vault: SecretVault) {}

  async storeAuth(serverId: string, auth: SshAuth): Promise<void> {
    if (auth.method === 'password') await this.vault.put(secretId(serverId, 'password'), auth.password);
    if (auth.method === 'privateKey') {
      await this.vault.put(secretId(serverId, 'private-key'), auth.privateKey);
      if (auth.passphrase) await this.vault.put(secretId(serverId, 'passphrase'), auth.passphrase);
    }
  }

  async loadAuth(serverId: string, method: SshAuth['method'], agentSocket: string | undefined): Promise<SshAuth> {
    switch (method) {
      case 'password':
        return { method, password: (await this.vault.get(secretId(serverId, 'password'))) ?? '' };
      case 'privateKey':
        return {
          method,
          privateKey: (await this.vault.get(secretId(serverId, 'private-key'))) ?? '',
          passphrase: await this.vault.get(secretId(serverId, 'passphrase')),
        };
      case 'agent':
        return { method, socket: agentSocket };
      case 'keyboardInteractive':
        return { method };
    }
  }

  storeSudoPassword(serverId: string, password: string): Promise<void> {
    return this.vault.put(secretId(serverId, 'sudo-password'), password);
  }

  loadSudoPassword(serverId: string): Promise<string | undefined> {
    return this.vault.get(secretId(serverId, 'sudo-password'));
  }

  async forget(serverId: string): Promise<void> {
    for (const what of ['password', 'private-key', 'passphrase', 'sudo-password'] as const) {
      await this.vault.delete(secretId(serverId, what));
    }
  }
}
