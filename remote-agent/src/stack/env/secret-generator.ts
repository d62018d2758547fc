import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import type { GeneratedSpec } from './env-defaults.js';

/** A source of random bytes; tests pass a fixed one to see rejection sampling at work. */
export type RandomBytes = (size: number) => Buffer;

export const ALNUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** hex:N is N random bytes as 2N lowercase hex digits. */
export function randomHex(bytes: number, random: RandomBytes = cryptoRandomBytes): string {
  return random(bytes).toString('hex');
}

/**
 * alnum:N is N characters, each uniform over A-Za-z0-9. Bytes of 248 and above are thrown away
 * (248 = 4 × 62): taking `byte % 62` of every byte would make the first eight characters more likely.
 */
export function randomAlnum(length: number, random: RandomBytes = cryptoRandomBytes): string {
  const limit = 256 - (256 % ALNUM_ALPHABET.length);
  let result = '';
  // Each byte is kept with probability 248/256; 64 rounds failing to fill the string does not happen
  // with a working random source, so running out means the source is broken.
  for (let round = 0; round < 64 && result.length < length; round++) {
    for (const byte of random(length - result.length + 8)) {
      if (byte >= limit) continue;
      result += ALNUM_ALPHABET[byte % ALNUM_ALPHABET.length];
      if (result.length === length) break;
    }
  }
  if (result.length < length) throw new Error('the random source keeps returning out-of-range bytes');
  return result;
}

/** A value for a `# @generated` key: the random part in its format, then the suffix. */
export function generateSecret(spec: Pick<GeneratedSpec, 'format' | 'size' | 'suffix'>, random?: RandomBytes): string {
  const body = spec.format === 'hex' ? randomHex(spec.size, random) : randomAlnum(spec.size, random);
  return body + (spec.suffix ?? '');
}
