import { z } from 'zod';
import { ErrorDataSchema } from '../../common/errors/app-error.js';
import { SshAuthSchema, SshHostSchema, SshUsernameSchema } from '../ssh/target.js';

/** A server as the renderer sees it: never a secret, only whether one is stored. */
export const ServerIdSchema = z.string().regex(/^srv-[a-z0-9]{8,32}$/, 'not a server id');

export const ConnectionStatusSchema = z.enum(['disconnected', 'connecting', 'connected', 'reconnecting', 'failed']);
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;

export const ServerSummarySchema = z.object({
  id: ServerIdSchema,
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  username: z.string(),
  authMethod: z.enum(['password', 'privateKey', 'agent', 'keyboardInteractive']),
  /** Whether a sudo password is stored (only needed for non-root users whose sudo asks for one). */
  hasSudoPassword: z.boolean(),
  status: ConnectionStatusSchema,
  /** Set while status is 'failed', and after a drop while reconnecting. */
  lastError: ErrorDataSchema.optional(),
  /** How this login becomes root, once known. */
  rootAccess: z.enum(['root', 'sudo', 'sudoPassword']).optional(),
  agent: z.object({ version: z.string(), arch: z.string(), nodeVersion: z.string() }).optional(),
  /** Bytes uploaded by the last agent start (0 when it was already in place). */
  lastUploadBytes: z.number().int().nonnegative().optional(),
});
export type ServerSummary = z.infer<typeof ServerSummarySchema>;

export const ServerNameSchema = z.string().trim().min(1, 'give the server a name you will recognise').max(64);

export const AddServerInputSchema = z
  .object({
    name: ServerNameSchema,
    host: SshHostSchema,
    port: z.number().int().min(1, 'use a port from 1 to 65535').max(65535, 'use a port from 1 to 65535').default(22),
    username: SshUsernameSchema,
    auth: SshAuthSchema,
    sudoPassword: z.string().min(1).max(4096).optional(),
  })
  .strict();
export type AddServerInput = z.input<typeof AddServerInputSchema>;

/** The host key prompt: shown before any credential is sent. */
export const HostKeyPromptSchema = z.object({
  promptId: z.string(),
  serverId: ServerIdSchema,
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  /** As OpenSSH prints it: SHA256:base64 */
  fingerprint: z.string(),
  /** 'otherTypeKnown': a key of another type was accepted before; OpenSSH warns in this case too. */
  situation: z.enum(['unknown', 'otherTypeKnown']),
  knownTypes: z.array(z.string()),
});
export type HostKeyPrompt = z.infer<typeof HostKeyPromptSchema>;

/** The server's keyboard-interactive questions (a password, a one-time code). */
export const AuthPromptSchema = z.object({
  promptId: z.string(),
  serverId: ServerIdSchema,
  instructions: z.string(),
  prompts: z.array(z.object({ prompt: z.string(), echo: z.boolean() })),
});
export type AuthPrompt = z.infer<typeof AuthPromptSchema>;

export const CloudInitInputSchema = z
  .object({
    publicKey: z
      .string()
      .trim()
      .regex(
        /^(ssh-ed25519|ecdsa-sha2-nistp(256|384|521)|ssh-rsa) [A-Za-z0-9+/=]+( [^\n]*)?$/,
        'paste one OpenSSH public key line',
      ),
    email: z.email('use an email address like you@example.com').optional(),
    domain: z.string().trim().max(253).optional(),
    authBasicUsername: z.string().trim().max(64).optional(),
    authBasicPassword: z.string().max(256).optional(),
    cloudflareApiToken: z.string().trim().max(256).optional(),
  })
  .strict();

/** One event of a job on a server, relayed from the agent's journal. */
export const JobEventRelaySchema = z.object({
  serverId: ServerIdSchema,
  jobId: z.string(),
  event: z.record(z.string(), z.unknown()).and(z.object({ offset: z.number().int(), type: z.string() })),
});
