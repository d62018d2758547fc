import { z } from 'zod';

/**
 * Domains and email addresses: one strict parser each, shared by the app, the command line and the
 * agent, browser-safe (no Node imports), so the same rules name the same field on every side.
 */

/**
 * A domain as typed, IDN included: converted to its ASCII (punycode) form the way browsers do,
 * then held to DNS host-name rules. The URL parser is in Node and in every browser.
 */
export function toAsciiDomain(input: string): string | undefined {
  const trimmed = input.trim().replace(/\.$/, '');
  if (!trimmed || /[\s/\\?#@:[\]%]/.test(trimmed)) return undefined;
  let ascii: string;
  try {
    ascii = new URL(`http://${trimmed}/`).hostname;
  } catch {
    return undefined;
  }
  return isHostName(ascii) ? ascii : undefined;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Two or more labels of letters, digits and inner hyphens; a top-level label that is not all digits. */
export function isHostName(name: string): boolean {
  if (name.length > 253) return false;
  const labels = name.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return false;
  return !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

export const DomainSchema = z
  .string()
  .max(300)
  .transform((value, ctx) => {
    const ascii = toAsciiDomain(value);
    if (!ascii) {
      ctx.addIssue({ code: 'custom', message: 'expected a domain name such as example.com' });
      return z.NEVER;
    }
    return ascii;
  });

/** Conservative on purpose: it travels to certbot and Let's Encrypt, which refuse much more. */
export const EmailSchema = z
  .string()
  .trim()
  .max(254)
  .regex(/^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]+$/, 'expected an email address such as you@example.com')
  .refine((value) => isHostName((value.split('@')[1] ?? '').toLowerCase()), {
    message: 'expected an email address such as you@example.com',
  });
