import type { PreflightFinding } from '../../../../common/agent-contract';

/**
 * Whether the wizard may go on after the checks: never past a blocker; past warnings only when the
 * person says so explicitly ("Continue anyway"); at once when everything is fine.
 */
export type PreflightGate = 'blocked' | 'warnings' | 'clear';

export function preflightGate(findings: readonly PreflightFinding[]): PreflightGate {
  if (findings.some((finding) => finding.status === 'blocker')) return 'blocked';
  if (findings.some((finding) => finding.status === 'warning')) return 'warnings';
  return 'clear';
}

const ORDER: Record<PreflightFinding['status'], number> = { blocker: 0, warning: 1, ok: 2 };

/** What needs attention first: blockers, then warnings, then what is fine (each in the agent's order). */
export function byUrgency(findings: readonly PreflightFinding[]): PreflightFinding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => ORDER[a.finding.status] - ORDER[b.finding.status] || a.index - b.index)
    .map(({ finding }) => finding);
}
