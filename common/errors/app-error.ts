import { z } from 'zod';

/**
 * Errors cross every boundary as values, never as bare strings: a stable code that the
 * renderer turns into plain words (what happened, what to do next) in the user's language,
 * the technical detail that stays folded away, and whether trying again can help.
 */
export const AppErrorDataSchema = z.object({
  code: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  detail: z.string().optional(),
  retryable: z.boolean(),
});
export type AppErrorData = z.infer<typeof AppErrorDataSchema>;

/** Every code the product can raise; each has an entry under `errors.` in both languages. */
export const ERROR_CODES = [
  'contract.unknownChannel',
  'contract.invalidInput',
  'contract.invalidOutput',
  'transport.disconnected',
  'transport.refused',
  'settings.unreadable',
  'ssh.invalidTarget',
  'ssh.hostNotFound',
  'ssh.refused',
  'ssh.unreachable',
  'ssh.timeout',
  'ssh.authFailed',
  'ssh.passphraseRequired',
  'ssh.badPassphrase',
  'ssh.keyUnreadable',
  'ssh.agentMissing',
  'ssh.hostKeyChanged',
  'ssh.hostKeyRevoked',
  'ssh.hostKeyRejected',
  'ssh.disconnected',
  'servers.notFound',
  'vault.consentRequired',
  'agent.unsupportedArch',
  'agent.installFailed',
  'agent.startFailed',
  'sudo.passwordRequired',
  'sudo.wrongPassword',
  'sudo.notAllowed',
  'shell.tooMany',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly detail: string | undefined;
  readonly retryable: boolean;

  constructor(
    code: ErrorCode,
    options: { params?: Record<string, string | number>; detail?: string; retryable?: boolean } = {},
  ) {
    super(options.detail ? `${code}: ${options.detail}` : code);
    this.name = 'AppError';
    this.code = code;
    this.params = options.params ?? {};
    this.detail = options.detail;
    this.retryable = options.retryable ?? false;
  }

  toData(): AppErrorData {
    return { code: this.code, params: this.params, detail: this.detail, retryable: this.retryable };
  }

  static fromData(data: AppErrorData): AppError {
    const code = (ERROR_CODES as readonly string[]).includes(data.code) ? (data.code as ErrorCode) : 'internal';
    return new AppError(code, { params: data.params, detail: data.detail, retryable: data.retryable });
  }
}

/** Turns anything thrown into error data without leaking stack traces across the boundary. */
export function toAppErrorData(error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData();
  // Errors from the agent carry the same error value; pass it on rather than hide it as 'internal'.
  const carried = AppErrorDataSchema.safeParse((error as { data?: unknown } | null)?.data);
  if (error instanceof Error && carried.success) return carried.data;
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'internal', params: {}, detail, retryable: true };
}
