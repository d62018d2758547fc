import { z } from 'zod';
import { method } from '../rpc/method-spec.js';

/** The preflight's part of the desktop<->agent contract: read-only checks before anything is installed. */

/**
 * Every read-only check of preflight.run and the statuses it can report. The renderer words a
 * finding as `preflight.<id>.<status>` with the finding's params (both languages carry a text for
 * every pair listed here); `detail` is the technical part that stays folded away.
 */
export const preflightChecks = {
  os: ['ok', 'blocker'],
  architecture: ['ok', 'blocker'],
  memory: ['ok', 'warning'],
  disk: ['ok', 'warning'],
  ports: ['ok', 'blocker'],
  outboundSmtp: ['ok', 'warning', 'blocker'],
  ipv4: ['ok', 'warning'],
  ipv6: ['ok', 'warning'],
  docker: ['ok', 'warning'],
  systemd: ['ok', 'warning'],
  clock: ['ok', 'warning'],
  /** restic, which makes the backups: present or installable, and new enough to compress. */
  backups: ['ok', 'warning'],
} as const satisfies Record<string, readonly ('ok' | 'warning' | 'blocker')[]>;
export type PreflightCheckId = keyof typeof preflightChecks;
export const PREFLIGHT_CHECK_IDS = Object.keys(preflightChecks) as PreflightCheckId[];

export const PreflightStatusSchema = z.enum(['ok', 'warning', 'blocker']);
export type PreflightStatus = z.infer<typeof PreflightStatusSchema>;

export const PreflightFindingSchema = z.object({
  id: z.enum(PREFLIGHT_CHECK_IDS as [PreflightCheckId, ...PreflightCheckId[]]),
  status: PreflightStatusSchema,
  /** Values for the words (found, expected, ...): numbers stay numbers, lists are joined. */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** What exactly was read or run, for the folded-away technical details. */
  detail: z.string().max(8192),
});
export type PreflightFinding = z.infer<typeof PreflightFindingSchema>;

/** host:port, a host name or an IPv4 address (IPv6 in brackets: [2001:db8::1]:25). */
export const SmtpProbeTargetSchema = z
  .string()
  .max(300)
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'expected host:port such as mx.example.com:25');

export const PreflightParamsSchema = z
  .object({
    /** Mail servers to greet on port 25; the default is a few well-known MX hosts. */
    smtpProbeTargets: z.array(SmtpProbeTargetSchema).min(1).max(8).optional(),
    /** How long a target may take to connect and greet before port 25 counts as blocked. */
    smtpProbeTimeoutMs: z.number().int().min(200).max(30_000).optional(),
  })
  .strict();

export const PreflightResultSchema = z.object({
  /** One finding per check, in the order of preflightChecks. */
  findings: z.array(PreflightFindingSchema),
  checkedAt: z.iso.datetime(),
});
export type PreflightResult = z.infer<typeof PreflightResultSchema>;

export const preflightMethods = {
  /** Read-only checks of the server before anything is installed; never takes the job lock. */
  'preflight.run': method(PreflightParamsSchema, PreflightResultSchema),
} as const;
