// The world's SSH client key (ed25519), made once and kept by `down`: every VPS trusts it for root,
// deploy and admin2. The private key is mode 0600 as ssh requires.
import fs from 'node:fs';
import path from 'node:path';
import type { WorldContext } from './context.js';

export interface WorldSshKey {
  privateKeyPath: string;
  publicKeyPath: string;
  publicKey: string;
}

export async function ensureWorldSshKey(ctx: WorldContext): Promise<WorldSshKey> {
  const dir = path.join(ctx.stateDir, 'ssh');
  const privateKeyPath = path.join(dir, 'id_ed25519');
  const publicKeyPath = `${privateKeyPath}.pub`;
  if (!fs.existsSync(privateKeyPath) || !fs.existsSync(publicKeyPath)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.rmSync(privateKeyPath, { force: true });
    fs.rmSync(publicKeyPath, { force: true });
    await ctx.run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'mailharbor-world', '-f', privateKeyPath], {
      timeoutMs: 15_000,
    });
  }
  fs.chmodSync(privateKeyPath, 0o600);
  return { privateKeyPath, publicKeyPath, publicKey: fs.readFileSync(publicKeyPath, 'utf8').trim() };
}
