import { connect } from 'node:net';
import { finding, type PreflightCheck } from './check.js';

/** Well-known MX hosts that greet anyone on port 25; tests pass their own. */
export const DEFAULT_SMTP_PROBE_TARGETS = [
  'gmail-smtp-in.l.google.com:25',
  'mx1.forwardemail.net:25',
  'mx2.forwardemail.net:25',
];
export const DEFAULT_SMTP_PROBE_TIMEOUT_MS = 8_000;

type ProbeOutcome =
  | { kind: 'greeted'; line: string }
  | { kind: 'unexpected'; line: string }
  | { kind: 'timeout' }
  | { kind: 'refused' }
  | { kind: 'error'; message: string };

const MAX_GREETING_BYTES = 1024;

function splitTarget(target: string): { host: string; port: number } {
  const at = target.lastIndexOf(':');
  return { host: target.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(target.slice(at + 1)) };
}

/**
 * Connects and reads the first line of the greeting, then hangs up without saying anything.
 * Silence until the timeout is what a provider's port 25 filter looks like (packets dropped);
 * an immediate refusal means the path is open but nothing listens there.
 */
export function probeSmtp(target: string, timeoutMs: number, signal: AbortSignal): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const { host, port } = splitTarget(target);
    const socket = connect({ host, port });
    let received = '';
    const finish = (outcome: ProbeOutcome) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(outcome);
    };
    const onAbort = () =>
      finish({ kind: 'error', message: 'stopped: another target answered, or the check was cancelled' });
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    if (signal.aborted) return finish({ kind: 'error', message: 'cancelled before connecting' });
    signal.addEventListener('abort', onAbort, { once: true });
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
      const end = received.indexOf('\n');
      if (end < 0 && received.length < MAX_GREETING_BYTES) return;
      const line = received.slice(0, end < 0 ? MAX_GREETING_BYTES : end).trim();
      finish(/^220[ -]/.test(line) || line === '220' ? { kind: 'greeted', line } : { kind: 'unexpected', line });
    });
    socket.on('end', () => finish({ kind: 'unexpected', line: received.trim() || '(closed without greeting)' }));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish(error.code === 'ECONNREFUSED' ? { kind: 'refused' } : { kind: 'error', message: error.message }),
    );
  });
}

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
