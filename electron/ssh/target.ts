import { z } from 'zod';

/**
 * Where to connect and how to log in. Validated in main before any connection is made, so bad
 * input gets a message naming the field instead of a confusing network error.
 */
const HOSTNAME_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

// The WHATWG URL parser exists in the renderer and in Node alike, so the same rules run on both
// sides of the contract: it validates IPv6 literals and turns international names into punycode.
function parsedHostname(candidate: string): string | undefined {
  try {
    return new URL(`http://${candidate}/`).hostname;
  } catch {
    return undefined;
  }
}

export function isValidHost(value: string): boolean {
  if (IPV4.test(value)) return true;
  if (value.includes(':')) return /^[0-9a-f:.]+$/i.test(value) && parsedHostname(`[${value}]`) !== undefined;
  if (!/^[^\s/?#@:[\]\\%]+$/.test(value)) return false;
  const ascii = parsedHostname(value);
  if (!ascii || ascii.length > 253) return false;
  return ascii
    .replace(/\.$/, '')
    .split('.')
    .every((label) => HOSTNAME_LABEL.test(label));
}

export const SshHostSchema = z
  .string()
  .trim()
  .min(1, 'enter the server address')
  .max(253)
  .refine(isValidHost, 'use a host name like vps.example.com or an IP address like 203.0.113.10');

/** POSIX user names as Debian and Ubuntu accept them by default. */
export const SshUsernameSchema = z
  .string()
  .trim()
  .regex(/^[a-z_][a-z0-9_.-]{0,31}\$?$/i, 'use the login name on the server, for example root or ubuntu');

export const SshAuthSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('password'), password: z.string().min(1).max(4096) }),
  z.object({
    method: z.literal('privateKey'),
    privateKey: z
      .string()
      .min(1)
      .max(64 * 1024),
    passphrase: z.string().max(4096).optional(),
  }),
  /** An ssh-agent: SSH_AUTH_SOCK by default, Pageant on Windows. */
  z.object({ method: z.literal('agent'), socket: z.string().min(1).max(4096).optional() }),
  /** The server asks questions (often a password, sometimes a one-time code); answers come from the user. */
  z.object({ method: z.literal('keyboardInteractive') }),
]);
export type SshAuth = z.infer<typeof SshAuthSchema>;
export type SshAuthMethod = SshAuth['method'];

export const SshTargetSchema = z.object({
  host: SshHostSchema,
  port: z.number().int().min(1).max(65535).default(22),
  username: SshUsernameSchema,
});
export type SshTarget = z.infer<typeof SshTargetSchema>;
