import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { selfSignedArgs } from '../world/ca.js';

/** A new key and a certificate it signs itself for `names`, valid `days` days, made in `dir`: both as PEM. */
export function selfSignedCertificate(
  dir: string,
  names: readonly string[],
  days: number,
): { key: string; cert: string } {
  mkdirSync(dir, { recursive: true });
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  const args = selfSignedArgs({
    keyPath,
    certPath,
    days,
    subject: `/CN=${names[0]?.replace('*', 'wildcard')}`,
    extensions: [`subjectAltName=${names.map((name) => `DNS:${name}`).join(',')}`],
  });
  // openssl reports its progress on stderr: kept only for the error when it fails
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
}
