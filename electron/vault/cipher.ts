/** Encrypts secrets at rest. Electron uses the OS keychain (safeStorage); web mode a key file. */
export interface SecretCipher {
  /** 'os-keychain' is strong; 'key-file' and 'weak' are weaker and the UI says so. */
  readonly strength: 'os-keychain' | 'key-file' | 'weak';
  encrypt(plain: string): Promise<Buffer>;
  decrypt(sealed: Buffer): Promise<string>;
}
