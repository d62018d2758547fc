import { generateKeyPairSync, randomInt } from 'node:crypto';
import { sha256Fingerprint } from '../../ssh/host-key-fingerprint.js';
import { ed25519PrivateFile, ed25519PublicBlob, ed25519PublicLine } from '../../ssh/openssh-key-format.js';

/**
 * A new ed25519 key pair in OpenSSH format, for a VPS that does not exist yet. Node's crypto makes
 * the key (ssh2's generator loses a leading zero byte of about one key in 256, which locks the user
 * out of the server that key is meant for); the OpenSSH files are written from its raw bytes.
 */
export function generateKeyPair(comment: string | undefined): {
  publicKey: string;
  privateKey: string;
  fingerprint: string;
} {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const publicRaw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  const seed = Buffer.from(jwk.d ?? '', 'base64url');
  const label = comment || 'mailharbor';
  return {
    publicKey: ed25519PublicLine(publicRaw, label),
    privateKey: ed25519PrivateFile({ publicKey: publicRaw, seed }, label, randomInt(2 ** 32)),
    fingerprint: sha256Fingerprint(ed25519PublicBlob(publicRaw)),
  };
}
