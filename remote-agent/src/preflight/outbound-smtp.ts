import { finding, type PreflightCheck } from './check.js';
import { probeSmtp, type ProbeOutcome } from '../../../common/smtp/smtp-probe.js';

function describe(outcome: ProbeOutcome): string {
  switch (outcome.kind) {
    case 'greeted':
    case 'unexpected':
      return `answered "${outcome.line.slice(0, 200)}"`;
    case 'timeout':
      return 'no greeting before the timeout';
    case 'refused':
      return 'connection refused';
    case 'error':
      return outcome.message;
  }
}

export const outboundSmtpCheck: PreflightCheck = {
  id: 'outboundSmtp',
  async run({ smtpProbeTargets, smtpProbeTimeoutMs, signal }) {
    // The first greeting settles it: the probes still waiting are stopped instead of timing out.
    const settled = new AbortController();
    const stop = () => settled.abort();
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
    const outcomes = await Promise.all(
      smtpProbeTargets.map(async (target) => {
        const outcome = await probeSmtp(target, smtpProbeTimeoutMs, settled.signal);
        if (outcome.kind === 'greeted') stop();
        return outcome;
      }),
    ).finally(() => signal.removeEventListener('abort', stop));
    const detail = smtpProbeTargets.map((target, index) => `${target}: ${describe(outcomes[index]!)}`).join('; ');
    const params = { targets: smtpProbeTargets.join(', '), timeoutMs: smtpProbeTimeoutMs };
    const greeted = smtpProbeTargets.filter((_, index) => outcomes[index]!.kind === 'greeted');
    if (greeted.length > 0) return finding('outboundSmtp', 'ok', { ...params, greetedBy: greeted[0]! }, detail);
    // Every target silent: outgoing port 25 is filtered, which is what providers do to new accounts.
    if (outcomes.every((outcome) => outcome.kind === 'timeout')) {
      return finding('outboundSmtp', 'blocker', { ...params, reason: 'port25Blocked' }, detail);
    }
    // Some answer came back (refused, an error, a greeting other than 220): port 25 is not simply
    // filtered, but no mail server accepted us either.
    const reason = outcomes.some((outcome) => outcome.kind === 'refused') ? 'port25Refused' : 'port25Failed';
    return finding('outboundSmtp', 'warning', { ...params, reason }, detail);
  },
};
