import { z } from 'zod';
import { call } from './call-spec.js';
import { EmptySchema } from './schemas.js';
import {
  AddServerInputSchema,
  AuthPromptSchema,
  CloudInitInputSchema,
  HostKeyPromptSchema,
  ServerIdSchema,
  ServerSummarySchema,
} from './server-schemas.js';

/** Servers: stored without secrets (those live in the vault), connected on demand; new ones with a key of their own. */
export const serversCalls = {
  'servers.list': call(EmptySchema, z.object({ servers: z.array(ServerSummarySchema) })),
  'servers.add': call(AddServerInputSchema, ServerSummarySchema),
  'servers.remove': call(z.object({ id: ServerIdSchema }).strict(), z.object({ removed: z.boolean() })),
  /** Connects (asking about the host key through hostKey.prompt), then starts the agent as root. */
  'servers.connect': call(z.object({ id: ServerIdSchema }).strict(), ServerSummarySchema),
  'servers.disconnect': call(z.object({ id: ServerIdSchema }).strict(), ServerSummarySchema),
  'servers.setSudoPassword': call(
    z.object({ id: ServerIdSchema, password: z.string().min(1).max(4096) }).strict(),
    ServerSummarySchema,
  ),
  'hostKey.answer': call(
    z.object({ promptId: z.string(), accept: z.boolean() }).strict(),
    z.object({ ok: z.boolean() }),
  ),
  'auth.answer': call(
    z.object({ promptId: z.string(), answers: z.array(z.string().max(4096)).max(16).nullable() }).strict(),
    z.object({ ok: z.boolean() }),
  ),
  /** Questions still waiting for an answer: a window that opens or reconnects mid-connect shows them. */
  'prompts.pending': call(
    EmptySchema,
    z.object({ hostKey: z.array(HostKeyPromptSchema), auth: z.array(AuthPromptSchema) }),
  ),
  /** A new ed25519 key pair for a new VPS, and the cloud-init user data that installs it. */
  'keys.generate': call(
    z
      .object({
        comment: z
          .string()
          .trim()
          .max(64)
          // The comment ends the authorized_keys line: a line break would split it.
          .regex(/^\P{Cc}*$/u, 'a key comment is one line of text, without control characters')
          .optional(),
      })
      .strict(),
    z.object({ publicKey: z.string(), privateKey: z.string(), fingerprint: z.string() }),
  ),
  'cloudInit.render': call(CloudInitInputSchema, z.object({ userData: z.string() })),
} as const;

export const serversEvents = {
  'servers.changed': z.object({ servers: z.array(ServerSummarySchema) }),
  'hostKey.prompt': HostKeyPromptSchema,
  'auth.prompt': AuthPromptSchema,
} as const;
