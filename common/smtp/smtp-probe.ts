// Greeting a mail server on port 25, from wherever this runs: the VPS (can it send mail?) and the
// desktop (does the VPS receive it?) ask the same question the same way.
import { connect } from 'node:net';

/** Well-known MX hosts that greet anyone on port 25; tests pass their own. */
export const DEFAULT_SMTP_PROBE_TARGETS = [
  'gmail-smtp-in.l.google.com:25',
  'mx1.forwardemail.net:25',
  'mx2.forwardemail.net:25',
];
export const DEFAULT_SMTP_PROBE_TIMEOUT_MS = 8_000;

export type ProbeOutcome =
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
