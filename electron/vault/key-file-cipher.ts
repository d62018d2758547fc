import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SecretCipher } from './cipher.js';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 1;

/**
 * Web mode has no OS keychain: secrets are sealed with AES-256-GCM under a random key kept in a
 * file only the user can read (0600, created exclusively so two processes never race to make two).
 */
export class KeyFileCipher implements SecretCipher {
  readonly strength = 'key-file' as const;
  private key: Buffer | undefined;

  constructor(private readonly keyFile: string) {}

  async encrypt(plain: string): Promise<Buffer> {
    const key = await this.loadKey();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  async decrypt(sealed: Buffer): Promise<string> {
    if (sealed[0] !== VERSION || sealed.length < 1 + IV_BYTES + TAG_BYTES) throw new Error('unknown secret format');
    const key = await this.loadKey();
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  }

  private async loadKey(): Promise<Buffer> {
    if (this.key) return this.key;
    await mkdir(path.dirname(this.keyFile), { recursive: true, mode: 0o700 });
    // Written whole under a temporary name, then linked into place: link() fails when the key
    // exists, so a second process never reads a half-written key nor replaces the first one's.
    const temporary = `${this.keyFile}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(randomBytes(KEY_BYTES));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await link(temporary, this.keyFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await rm(temporary, { force: true });
    }
    if (((await stat(this.keyFile)).mode & 0o077) !== 0) await chmod(this.keyFile, 0o600);
    const key = await readFile(this.keyFile);
    if (key.length !== KEY_BYTES) throw new Error(`the vault key file ${this.keyFile} is damaged`);
    this.key = key;
    return key;
  }
}
