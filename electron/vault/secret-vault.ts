import { readFile, rm } from 'node:fs/promises';
import { writeFileAtomically } from '../storage/atomic-file.js';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../common/errors/app-error.js';
import type { SecretCipher } from './cipher.js';

/** Secret ids are ours (e.g. "server:<uuid>:ssh-password"), never user text used as a path. */
const SecretIdSchema = z.string().regex(/^[a-z0-9][a-z0-9:._-]{0,127}$/);

export class WeakStorageNotAllowedError extends AppError {
  constructor() {
    super('vault.consentRequired', { detail: 'the system keyring is not available', retryable: true });
  }
}

/**
 * Passwords, passphrases, tokens and keys, each sealed by the cipher in its own file (0600) in
 * the app's data folder. Plain text never touches disk, and nothing here logs a value.
 */
export class SecretVault {
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly cipher: SecretCipher,
    private readonly allowWeak: () => Promise<boolean> = async () => false,
  ) {
    this.dir = path.join(dataDir, 'vault');
  }

  get strength(): SecretCipher['strength'] {
    return this.cipher.strength;
  }

  async put(id: string, secret: string): Promise<void> {
    if (this.cipher.strength === 'weak' && !(await this.allowWeak())) throw new WeakStorageNotAllowedError();
    await writeFileAtomically(this.fileFor(id), await this.cipher.encrypt(secret));
  }

  async get(id: string): Promise<string | undefined> {
    try {
      return await this.cipher.decrypt(await readFile(this.fileFor(id)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    await rm(this.fileFor(id), { force: true });
  }

  private fileFor(id: string): string {
    return path.join(this.dir, `${SecretIdSchema.parse(id)}.sealed`);
  }
}
