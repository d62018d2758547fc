import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SecretCipher } from '../../electron/vault/cipher.js';
import { KeyFileCipher } from '../../electron/vault/key-file-cipher.js';
import { SecretVault, WeakStorageNotAllowedError } from '../../electron/vault/secret-vault.js';

const SECRET = 'correct horse battery staple ✓ $(rm -rf /)';

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) found.push(path.join(entry.parentPath, entry.name));
  }
  return found;
}

describe('SecretVault with the web-mode key file', () => {
  it('round-trips secrets and never writes them in plain text', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mailharbor-vault-'));
    const vault = new SecretVault(dataDir, new KeyFileCipher(path.join(dataDir, 'vault.key')));
    await vault.put('server:1:ssh-password', SECRET);
    expect(await vault.get('server:1:ssh-password')).toBe(SECRET);
    // A second instance (a restart) reads it back with the same key file.
    const again = new SecretVault(dataDir, new KeyFileCipher(path.join(dataDir, 'vault.key')));
    expect(await again.get('server:1:ssh-password')).toBe(SECRET);
    expect(await again.get('server:2:ssh-password')).toBeUndefined();

    for (const file of await filesUnder(dataDir)) {
      const bytes = await readFile(file);
      expect(bytes.includes(Buffer.from(SECRET)), file).toBe(false);
      expect(bytes.includes(Buffer.from('correct horse')), file).toBe(false);
      expect((await stat(file)).mode & 0o077, `${file} must be private`).toBe(0);
    }
    await again.delete('server:1:ssh-password');
    expect(await again.get('server:1:ssh-password')).toBeUndefined();
  });

  it('detects tampering instead of returning garbage', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mailharbor-vault-'));
    const cipher = new KeyFileCipher(path.join(dataDir, 'vault.key'));
    const sealed = await cipher.encrypt(SECRET);
    const last = sealed.length - 1;
    sealed.writeUInt8(sealed.readUInt8(last) ^ 0xff, last);
    await expect(cipher.decrypt(sealed)).rejects.toThrow();
  });

  it('makes one key when several processes open a new vault at once, never a half-written one', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mailharbor-vault-'));
    const keyFile = path.join(dataDir, 'vault.key');
    const ciphers = Array.from({ length: 16 }, () => new KeyFileCipher(keyFile));
    const sealed = await Promise.all(ciphers.map((cipher, index) => cipher.encrypt(`${SECRET} ${index}`)));
    // Every one can open what every other sealed: they all hold the same key.
    for (const cipher of ciphers) {
      for (const [index, box] of sealed.entries()) expect(await cipher.decrypt(box)).toBe(`${SECRET} ${index}`);
    }
    expect((await readFile(keyFile)).length).toBe(32);
    expect(await readdir(dataDir)).toEqual(['vault.key']);
  });

  it('refuses ids that could escape the vault folder', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mailharbor-vault-'));
    const vault = new SecretVault(dataDir, new KeyFileCipher(path.join(dataDir, 'vault.key')));
    await expect(vault.put('../../etc/passwd', 'x')).rejects.toThrow();
  });
});

describe('SecretVault with a weak cipher (Linux without a keyring)', () => {
  const weak: SecretCipher = {
    strength: 'weak',
    encrypt: async (plain) => Buffer.from(plain).reverse(),
    decrypt: async (sealed) => Buffer.from(sealed).reverse().toString(),
  };

  it("stores nothing without the user's consent, and stores once consent is given", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mailharbor-vault-'));
    let consent = false;
    const vault = new SecretVault(dataDir, weak, async () => consent);
    await expect(vault.put('server:1:ssh-password', SECRET)).rejects.toBeInstanceOf(WeakStorageNotAllowedError);
    expect(await vault.get('server:1:ssh-password')).toBeUndefined();
    consent = true;
    await vault.put('server:1:ssh-password', SECRET);
    expect(await vault.get('server:1:ssh-password')).toBe(SECRET);
  });
});
