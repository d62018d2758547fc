import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../../common/errors/app-error.js';
import type { InstallStep } from '../install-step.js';
import type { StackPaths } from '../stack-paths.js';

/**
 * dkim: ssl/dkim.key, the RSA key that signs outbound mail (env.defaults: `@file ssl/dkim.key
 * rsa:2048`, what upstream makes with `openssl genrsa -f4 2048`). Made once and never replaced:
 * a new key silently invalidates the DKIM record published in DNS. A file that is there but is
 * not an RSA key stops the install instead of being overwritten, so nothing is ever lost.
 */

export const DKIM_RSA_BITS = 2048;
const KEY_MODE = 0o600;

type KeyState = { state: 'missing' } | { state: 'valid'; key: KeyObject; mode: number };

async function readDkimKey(paths: StackPaths): Promise<KeyState> {
  let pem: string;
  let mode: number;
  try {
    mode = (await stat(paths.dkimKey)).mode & 0o777;
    pem = await readFile(paths.dkimKey, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { state: 'missing' };
    throw unusable(paths, `cannot be read (${code ?? 'unknown error'})`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    // Not the parser's message: it could quote part of the file.
    throw unusable(paths, 'is not a PEM private key (or needs a passphrase)');
  }
  if (key.asymmetricKeyType !== 'rsa') throw unusable(paths, `is a ${key.asymmetricKeyType ?? 'unknown'} key, not RSA`);
  return { state: 'valid', key, mode };
}

function unusable(paths: StackPaths, why: string): AppError {
  return new AppError('stack.dkimKeyInvalid', {
    params: { file: path.relative(paths.dir, paths.dkimKey) },
    detail: `${paths.dkimKey} ${why}. It is left untouched: move it away to have a new key made (the DKIM record in DNS must then be updated), or put the original key back.`,
  });
}

/** A new PKCS#1 PEM ("BEGIN RSA PRIVATE KEY"), the form every DKIM signer reads. */
function newRsaKeyPem(): string {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: DKIM_RSA_BITS,
    publicExponent: 0x10001,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return privateKey;
}

/**
 * Writes the key under a temporary name and links it into place: link() fails when the target
 * exists, so even a key that appeared meanwhile is never overwritten.
 */
async function writeNewKey(file: string, pem: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', KEY_MODE);
  try {
    await handle.chmod(KEY_MODE);
    await handle.writeFile(pem, 'utf8');
    await handle.sync();
    await handle.close();
    await link(temporary, file);
  } finally {
    await handle.close().catch(() => {});
    await rm(temporary, { force: true });
  }
}

/** The DKIM TXT record's value for <selector>._domainkey.<domain>: `v=DKIM1; k=rsa; p=<base64 SPKI DER>`. */
export async function dkimPublicKeyRecord(paths: StackPaths): Promise<string> {
  const current = await readDkimKey(paths);
  if (current.state === 'missing') {
    throw new AppError('stack.notInstalled', {
      params: { file: 'ssl/dkim.key' },
      detail: `${paths.dkimKey} does not exist`,
    });
  }
  const der = createPublicKey(current.key).export({ type: 'spki', format: 'der' });
  return `v=DKIM1; k=rsa; p=${der.toString('base64')}`;
}

export const dkimStep: InstallStep = {
  id: 'dkim',
  title: 'DKIM signing key',

  async plan({ paths }) {
    const current = await readDkimKey(paths);
    if (current.state === 'missing') {
      return [
        { kind: 'secret', target: paths.dkimKey, action: 'create', note: `RSA ${DKIM_RSA_BITS} DKIM key, made once` },
      ];
    }
    if (current.mode !== KEY_MODE) {
      return [{ kind: 'file', target: paths.dkimKey, action: 'change', note: 'readable by root only (0600)' }];
    }
    return [{ kind: 'secret', target: paths.dkimKey, action: 'keep' }];
  },

  async check({ paths }) {
    const current = await readDkimKey(paths);
    return current.state === 'valid' && current.mode === KEY_MODE;
  },

  async run({ paths }, step) {
    const current = await readDkimKey(paths);
    if (current.state === 'valid') {
      await chmod(paths.dkimKey, KEY_MODE);
      step.log(`kept the existing ${paths.dkimKey}; mode set to 600`);
      return;
    }
    await mkdir(paths.sslDir, { recursive: true, mode: 0o700 });
    step.progress(20, `generating an RSA ${DKIM_RSA_BITS} key`);
    await writeNewKey(paths.dkimKey, newRsaKeyPem());
    step.log(`created ${paths.dkimKey} (RSA ${DKIM_RSA_BITS})`);
  },
};
