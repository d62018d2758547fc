import type { PreflightCheckId, PreflightFinding, PreflightStatus } from '../../../common/agent-contract.js';

/** What every check may use: the caller's options and a signal that ends the run early. */
export interface PreflightContext {
  smtpProbeTargets: string[];
  smtpProbeTimeoutMs: number;
  signal: AbortSignal;
}

/** One read-only look at the server. A check never changes anything and never waits unbounded. */
export interface PreflightCheck {
  id: PreflightCheckId;
  run(context: PreflightContext): Promise<PreflightFinding>;
}

export function finding(
  id: PreflightCheckId,
  status: PreflightStatus,
  params: Record<string, string | number>,
  detail: string,
): PreflightFinding {
  return { id, status, params, detail: detail.slice(0, 8192) };
}

export const GIB = 1024 ** 3;

/** Bytes as GB with one decimal, for the words ("3.8 GB"); the exact bytes travel beside it. */
export function gib(bytes: number): string {
  return (bytes / GIB).toFixed(1);
}
