import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  BackupSecretsSchema,
  BackupSettingsSchema,
  type BackupSecrets,
  type BackupSettings,
} from '../../../common/backups/backups-contract.js';
import { AppError } from '../../../common/errors/app-error.js';
import { readJson } from '../jobs/job-files.js';
import { writeFileAtomic } from '../stack/steps/stack-files.js';
import type { BackupPaths } from './backup-paths.js';

export interface BackupConfig {
  settings: BackupSettings;
  secrets: BackupSecrets;
}

/** Saves both files: the secrets 0600 in a 0700 folder, written whole or not at all. */
export async function saveBackupConfig(paths: BackupPaths, config: BackupConfig): Promise<void> {
  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(paths.secrets, `${JSON.stringify(config.secrets)}\n`, 0o600);
  await writeFileAtomic(paths.settings, `${JSON.stringify(config.settings, null, 2)}\n`, 0o600);
}

export function readBackupSettings(paths: BackupPaths): BackupSettings | undefined {
  return readJson(paths.settings, BackupSettingsSchema);
}

/** Both files, or backups.notConfigured when the app has not set backups up on this server yet. */
export function requireBackupConfig(paths: BackupPaths): BackupConfig {
  const settings = readBackupSettings(paths);
  const secrets = readJson(paths.secrets, BackupSecretsSchema);
  if (!settings || !secrets) {
    throw new AppError('backups.notConfigured', {
      detail: `no backup settings in ${path.dirname(paths.settings)}`,
    });
  }
  return { settings, secrets };
}
