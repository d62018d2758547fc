import { z } from 'zod';

/**
 * A secret typed or pasted by the user (an access key's secret, a repository password, a kit
 * passphrase): kept byte for byte, so it is never trimmed or changed; refused only where it cannot
 * travel safely: empty, too long, or with a line break or other control character (it is written
 * into root-only files a line per value).
 */
export function secretSchema(options: { min?: number; max?: number; what: string }) {
  const min = options.min ?? 1;
  const max = options.max ?? 512;
  return z
    .string()
    .min(min, `${options.what} needs at least ${min} characters`)
    .max(max, `${options.what} can have at most ${max} characters`)
    .regex(/^\P{Cc}*$/u, `${options.what} cannot hold line breaks or other control characters`);
}
