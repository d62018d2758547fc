import type { PreflightFinding, PreflightResult } from '../../../common/agent-contract.js';
import { preflightChecks } from '../../../common/agent-contract.js';
import { ipv4Check, ipv6Check } from './addresses.js';
import { architectureCheck } from './architecture.js';
import { finding, type PreflightCheck, type PreflightContext } from './check.js';
import { clockCheck } from './clock.js';
import { diskCheck } from './disk.js';
import { dockerCheck } from './docker.js';
import { memoryCheck } from './memory.js';
import { osCheck } from './os-release.js';
import { outboundSmtpCheck } from './outbound-smtp.js';
import { portsCheck } from './ports.js';
import { resticCheck } from './restic.js';
import { systemdCheck } from './systemd.js';
import { DEFAULT_SMTP_PROBE_TARGETS, DEFAULT_SMTP_PROBE_TIMEOUT_MS } from '../../../common/smtp/smtp-probe.js';

/** In the order the contract lists them, which is the order the app shows them in. */
const CHECKS: PreflightCheck[] = [
  osCheck,
  architectureCheck,
  memoryCheck,
  diskCheck,
  portsCheck,
  outboundSmtpCheck,
  ipv4Check,
  ipv6Check,
  dockerCheck,
  systemdCheck,
  clockCheck,
  resticCheck,
];

/**
 * Runs every check at once and reports each one's finding. Read only: no lock, no files
 * written. A check that fails in an unforeseen way still gets a finding (reason checkFailed)
 * rather than hiding the others: a warning where the check has one, otherwise a blocker, since
 * a requirement nobody could check has not passed.
 */
export async function runPreflight(
  options: { smtpProbeTargets?: string[]; smtpProbeTimeoutMs?: number },
  signal: AbortSignal,
): Promise<PreflightResult> {
  const context: PreflightContext = {
    smtpProbeTargets: options.smtpProbeTargets ?? DEFAULT_SMTP_PROBE_TARGETS,
    smtpProbeTimeoutMs: options.smtpProbeTimeoutMs ?? DEFAULT_SMTP_PROBE_TIMEOUT_MS,
    signal,
  };
  const findings = await Promise.all(
    CHECKS.map((check) =>
      check.run(context).catch((error: unknown): PreflightFinding => {
        const statuses: readonly string[] = preflightChecks[check.id];
        const status = statuses.includes('warning') ? 'warning' : 'blocker';
        return finding(
          check.id,
          status,
          { reason: 'checkFailed', found: 'unknown' },
          `check failed: ${(error as Error)?.message ?? String(error)}`,
        );
      }),
    ),
  );
  return { findings, checkedAt: new Date().toISOString() };
}
