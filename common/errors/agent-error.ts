import { z } from 'zod';

/**
 * Errors cross the agent boundary as values, in the same shape as the app's own errors
 * (electron/contract/errors.ts): a stable code the desktop turns into words, parameters for
 * those words, the technical detail that stays folded away, and whether trying again can help.
 * The agent keeps its own copy of the shape so that the bundle that runs on the VPS depends on
 * nothing outside remote-agent/.
 */
export const AgentErrorDataSchema = z.object({
  code: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  detail: z.string().optional(),
  retryable: z.boolean(),
});
export type AgentErrorData = z.infer<typeof AgentErrorDataSchema>;

/** Every code the agent or the desktop's agent client can raise. */
export const AGENT_ERROR_CODES = [
  'agent.protocolMismatch',
  'agent.handshakeRequired',
  'agent.disconnected',
  'agent.invalidResult',
  'agent.internal',
  'rpc.parseError',
  'rpc.invalidRequest',
  'rpc.methodNotFound',
  'rpc.invalidParams',
  'rpc.lineTooLong',
  'rpc.cancelled',
  'jobs.lockHeld',
  'jobs.notFound',
  'jobs.startFailed',
  'jobs.lost',
  'jobs.retryMismatch',
  'jobs.stillRunning',
  'jobs.journalCorrupt',
  'jobs.stepFailed',
  'diagnostics.failedOnPurpose',
  // Installing and managing the mail stack.
  'stack.commandFailed',
  'stack.invalidOptions',
  'stack.domainMismatch',
  'stack.envUnreadable',
  'stack.dkimKeyInvalid',
  'stack.notInstalled',
  'stack.releaseFeedFailed',
  'stack.dockerInstallFailed',
  'stack.dockerNotRunning',
  'stack.engineError',
  'stack.firewallFailed',
  'stack.certificateFailed',
  'stack.dnsChallengeTimeout',
  'stack.unhealthy',
] as const;
export type AgentErrorCode = (typeof AGENT_ERROR_CODES)[number];

export class AgentError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;
  readonly detail: string | undefined;
  readonly retryable: boolean;

  constructor(
    code: AgentErrorCode,
    options: { params?: Record<string, string | number>; detail?: string; retryable?: boolean } = {},
  ) {
    super(options.detail ? `${code}: ${options.detail}` : code);
    this.name = 'AgentError';
    this.code = code;
    this.params = options.params ?? {};
    this.detail = options.detail;
    this.retryable = options.retryable ?? false;
  }

  toData(): AgentErrorData {
    const data: AgentErrorData = { code: this.code, params: this.params, retryable: this.retryable };
    if (this.detail !== undefined) data.detail = this.detail;
    return data;
  }

  /** Rebuilds an error received from the other side; unknown codes are kept as they came. */
  static fromData(data: AgentErrorData): AgentError {
    const error = new AgentError('agent.internal', data);
    (error as { code: string }).code = data.code;
    error.message = data.detail ? `${data.code}: ${data.detail}` : data.code;
    return error;
  }
}

/** Turns anything thrown into error data without leaking stack traces across the boundary. */
export function toAgentErrorData(error: unknown): AgentErrorData {
  if (error instanceof AgentError) return error.toData();
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'agent.internal', params: {}, detail, retryable: true };
}
