import type { SafeStorage } from 'electron';
import type { SecretCipher } from './cipher.js';

/**
 * The desktop app's cipher: Electron's safeStorage (Keychain on macOS, DPAPI on Windows, libsecret
 * or kwallet on Linux). On Linux without a keyring it falls back to 'basic_text', which only
 * obscures: we report that as weak so the UI can warn and store only with the user's consent.
 */
export class SafeStorageCipher implements SecretCipher {
  readonly strength: SecretCipher['strength'];

  constructor(private readonly safeStorage: SafeStorage) {
    const weakOnLinux =
      process.platform === 'linux' && ['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend());
    this.strength = safeStorage.isEncryptionAvailable() && !weakOnLinux ? 'os-keychain' : 'weak';
  }

  async encrypt(plain: string): Promise<Buffer> {
    return this.safeStorage.encryptString(plain);
  }

  async decrypt(sealed: Buffer): Promise<string> {
    return this.safeStorage.decryptString(sealed);
  }
}
