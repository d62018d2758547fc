import { randomBytes } from 'node:crypto';
import { BackupSecretsSchema, type BackupSecrets } from '../../../common/backups/backups-contract.js';
import { AppError } from '../../../common/errors/app-error.js';
import type { Handlers } from '../../rpc/dispatch.js';
import type { SecretVault } from '../../vault/secret-vault.js';
import type { ServerManager } from '../servers/server-manager.js';
import { kitFileName, openKit, sealKit, type RecoveryKit } from './recovery-kit.js';

type BackupsCalls = Pick<
  Handlers,
  | 'backups.save'
  | 'backups.testConnection'
  | 'backups.start'
  | 'backups.restore'
  | 'backups.saveKit'
  | 'kit.open'
  | 'kit.apply'
>;

/** An opened kit stays in memory this long (for the restore it starts), never on disk. */
const KIT_TTL_MS = 60 * 60_000;

const vaultId = (serverId: string) => `server:${serverId}:backup`;

/** A repository password nobody has to type: 256 random bits. The recovery kit keeps it. */
export function newRepositoryPassword(): string {
  return randomBytes(32).toString('base64url');
}

export function createBackupsHandlers(servers: ServerManager, vault: SecretVault): BackupsCalls {
  const kits = new Map<string, { kit: RecoveryKit; until: number }>();
  const storedSecrets = async (serverId: string): Promise<BackupSecrets | undefined> => {
    const text = await vault.get(vaultId(serverId));
    if (!text) return undefined;
    const parsed = BackupSecretsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  };
  const configure = async (serverId: string, settings: RecoveryKit['backup']['settings'], secrets: BackupSecrets) => {
    await vault.put(vaultId(serverId), JSON.stringify(secrets));
    const agent = await servers.agentOf(serverId);
    await agent.call('backups.configure', { settings, secrets });
    return agent.call('jobs.start', { kind: 'backups.setup', params: {} });
  };
  const kitOf = (kitId: string) => {
    const entry = kits.get(kitId);
    if (!entry || entry.until < Date.now()) {
      kits.delete(kitId);
      throw new AppError('kit.unreadable', { detail: 'that kit is no longer open: open it again' });
    }
    return entry.kit;
  };

  return {
    'backups.save': async ({ serverId, settings, keys, repositoryPassword }) => {
      const stored = await storedSecrets(serverId);
      const keysToUse = keys ?? stored;
      if (!keysToUse) {
        throw new AppError('contract.invalidInput', {
          params: { name: 'backups.save', fields: 'keys' },
          detail: 'keys: the access key and secret are needed the first time',
        });
      }
      // Never a new password over an existing one: the backups made with it would be lost.
      const password = repositoryPassword ?? stored?.repositoryPassword ?? newRepositoryPassword();
      return configure(serverId, settings, {
        accessKeyId: keysToUse.accessKeyId,
        secretAccessKey: keysToUse.secretAccessKey,
        repositoryPassword: password,
      });
    },
    'backups.testConnection': async ({ serverId, destination, keys, createBucket }) => {
      const keysToUse = keys ?? (await storedSecrets(serverId));
      if (!keysToUse) {
        throw new AppError('contract.invalidInput', {
          params: { name: 'backups.testConnection', fields: 'keys' },
          detail: 'keys: enter the access key and secret',
        });
      }
      return (await servers.agentOf(serverId)).call('backups.testConnection', {
        destination,
        keys: { accessKeyId: keysToUse.accessKeyId, secretAccessKey: keysToUse.secretAccessKey },
        ...(createBucket ? { createBucket } : {}),
      });
    },
    'backups.start': async ({ serverId, kind, pointId }) => {
      const agent = await servers.agentOf(serverId);
      if (kind === 'backups.run') return agent.call('jobs.start', { kind, params: { trigger: 'manual' } });
      if (kind === 'backups.drill') return agent.call('jobs.start', { kind, params: pointId ? { pointId } : {} });
      return agent.call('jobs.start', { kind, params: {} });
    },
    'backups.restore': async ({ serverId, pointId, scope }) =>
      (await servers.agentOf(serverId)).call('jobs.start', { kind: 'backups.restore', params: { pointId, scope } }),
    'backups.saveKit': async ({ serverId, passphrase }) => {
      const agent = await servers.agentOf(serverId);
      const secrets = await storedSecrets(serverId);
      const status = await agent.call('backups.status', {});
      if (!secrets || !status.destination || !status.retention || !status.schedule) {
        throw new AppError('backups.notConfigured', { detail: 'set backups up before saving the recovery kit' });
      }
      const contents = await agent.call('backups.kitContents', {});
      const kit: RecoveryKit = {
        format: 1,
        createdAt: new Date().toISOString(),
        ...contents,
        backup: {
          settings: { destination: status.destination, retention: status.retention, schedule: status.schedule },
          secrets,
        },
      };
      const sealed = await sealKit(kit, passphrase);
      return { fileName: kitFileName(kit.domain), data: Buffer.from(sealed).toString('base64') };
    },
    'kit.open': async ({ data, passphrase }) => {
      const kit = await openKit(Buffer.from(data, 'base64'), passphrase);
      const kitId = `kit-${randomBytes(8).toString('hex')}`;
      kits.set(kitId, { kit, until: Date.now() + KIT_TTL_MS });
      return { kitId, domain: kit.domain, createdAt: kit.createdAt, destination: kit.backup.settings.destination };
    },
    'kit.apply': async ({ kitId, serverId }) => {
      const kit = kitOf(kitId);
      return configure(serverId, kit.backup.settings, kit.backup.secrets);
    },
  };
}
