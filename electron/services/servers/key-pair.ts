import ssh2 from 'ssh2';
import { sha256Fingerprint } from '../../ssh/host-key-fingerprint.js';

/** A new ed25519 key pair in OpenSSH format, for a VPS that does not exist yet. */
export function generateKeyPair(comment: string | undefined): {
  publicKey: string;
  privateKey: string;
  fingerprint: string;
} {
  const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment: comment || 'mailharbor' });
  const publicKey = pair.public.trim();
  const blob = Buffer.from(publicKey.split(' ')[1] ?? '', 'base64');
  return { publicKey, privateKey: pair.private, fingerprint: sha256Fingerprint(blob) };
}
