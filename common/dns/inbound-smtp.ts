/**
 * Can the world deliver mail to the server? Tested from this machine (the desktop): connect to the server's
 * port 25 and read the greeting. Many home and office networks block outgoing port 25 themselves, which
 * would make every server look filtered; so well-known mail servers are probed at the same time, and when
 * none of them greets either, the answer is "cannot test from this network" instead of a false alarm.
 */
import { AppError } from '../errors/app-error.js';
import { invalidInput } from './ptr-check.js';
import { DEFAULT_SMTP_PROBE_TARGETS, probeSmtp } from '../smtp/smtp-probe.js';

export type InboundSmtpState = 'open' | 'closed' | 'filtered' | 'cannotTestFromHere';

export interface InboundSmtpResult {
  state: InboundSmtpState;
  /** host:port that was tried. */
  target: string;
  /** The server's first line, when it said anything. */
  greeting?: string;
  detail?: string;
}

export interface CheckInboundSmtpInput {
  host: string;
  /** Default 25. */
  port?: number;
  /** For each connection; the probes run alongside, so this is also about the whole check's length. */
  timeoutMs: number;
  /**
   * Mail servers (host:port) that greet anyone, to tell "the server is filtered" from "this network blocks
   * port 25". Default DEFAULT_INBOUND_PROBE_TARGETS; an empty list skips the comparison.
   */
  probeTargets?: string[];
  signal?: AbortSignal;
}

/** The same well-known servers the agent's outbound check greets. */
export const DEFAULT_INBOUND_PROBE_TARGETS: readonly string[] = DEFAULT_SMTP_PROBE_TARGETS;

type ProbeOutcome = Awaited<ReturnType<typeof probeSmtp>>;

function targetOf(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function describeOutcome(outcome: ProbeOutcome): string {
  switch (outcome.kind) {
    case 'greeted':
    case 'unexpected':
      return `answered "${outcome.line.slice(0, 200)}"`;
    case 'timeout':
      return 'no answer before the timeout';
    case 'refused':
      return 'connection refused';
    case 'error':
      return outcome.message;
  }
}

/**
 * The verdict from the server's outcome and the reference probes' outcomes. A greeting settles it: the
 * path is open whatever the probes say. Otherwise the server's silence or refusal only means something when
 * this network can reach port 25 elsewhere (some reference probe greeted, or no probes were asked for).
 */
export function judgeInboundSmtp(
  target: string,
  server: ProbeOutcome,
  probes: { target: string; outcome: ProbeOutcome }[],
): InboundSmtpResult {
  if (server.kind === 'greeted') return { state: 'open', target, greeting: server.line };
  const answeredWithText = server.kind === 'unexpected' && server.line !== '(closed without greeting)';
  if (answeredWithText) {
    return {
      state: 'open',
      target,
      greeting: server.line,
      detail: `port ${target} answers, but not with a 220 greeting: "${server.line.slice(0, 200)}"`,
    };
  }
  const networkCanReach = probes.length === 0 || probes.some((probe) => probe.outcome.kind === 'greeted');
  if (!networkCanReach) {
    const tried = probes.map((probe) => `${probe.target}: ${describeOutcome(probe.outcome)}`).join('; ');
    return {
      state: 'cannotTestFromHere',
      target,
      detail: `this network does not reach port 25 of well-known mail servers either (${tried}); server: ${describeOutcome(server)}`,
    };
  }
  switch (server.kind) {
    case 'refused':
      return {
        state: 'closed',
        target,
        detail: 'connection refused: nothing listens on port 25, or a firewall rejects it',
      };
    case 'unexpected':
      return {
        state: 'closed',
        target,
        detail: 'the connection was accepted and closed without a greeting: is the mail server running?',
      };
    case 'timeout':
      return {
        state: 'filtered',
        target,
        detail: "no answer before the timeout: a firewall (the server's or the provider's) drops port 25",
      };
    case 'error':
      return { state: 'filtered', target, detail: `could not connect: ${server.message}` };
  }
}

function checkInput(input: CheckInboundSmtpInput): { port: number; probeTargets: string[] } {
  if (typeof input.host !== 'string' || input.host.trim() === '')
    throw invalidInput('host', 'must be a host name or address');
  const port = input.port ?? 25;
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw invalidInput('port', `must be a port number (1-65535), got ${String(port)}`);
  if (!Number.isFinite(input.timeoutMs) || input.timeoutMs <= 0 || input.timeoutMs > 120_000)
    throw invalidInput('timeoutMs', `must be between 1 and 120000 ms, got ${String(input.timeoutMs)}`);
  const probeTargets = input.probeTargets ?? [...DEFAULT_INBOUND_PROBE_TARGETS];
  if (!Array.isArray(probeTargets) || probeTargets.length > 8)
    throw invalidInput('probeTargets', 'must list at most 8 host:port targets');
  for (const [index, target] of probeTargets.entries())
    if (typeof target !== 'string' || !/^(\[[0-9a-f:.]+\]|[^\s:[\]]+):\d{1,5}$/i.test(target))
      throw invalidInput(`probeTargets[${index}]`, `${JSON.stringify(target)} is not host:port`);
  return { port, probeTargets };
}

/**
 * The server and the reference probes at the same time, so the check lasts one timeout at most. A greeting
 * from the server stops the probes: they cannot change the answer any more.
 */
export async function checkInboundSmtp(input: CheckInboundSmtpInput): Promise<InboundSmtpResult> {
  const { port, probeTargets } = checkInput(input);
  const target = targetOf(input.host.trim(), port);
  const stopProbes = new AbortController();
  const stopServer = new AbortController();
  const cancel = () => {
    stopProbes.abort();
    stopServer.abort();
  };
  if (input.signal?.aborted) cancel();
  else input.signal?.addEventListener('abort', cancel, { once: true });
  try {
    const probes = Promise.all(
      probeTargets.map(async (probeTarget) => ({
        target: probeTarget,
        outcome: await probeSmtp(probeTarget, input.timeoutMs, stopProbes.signal),
      })),
    );
    const server = await probeSmtp(target, input.timeoutMs, stopServer.signal);
    if (server.kind === 'greeted') stopProbes.abort();
    const probeOutcomes = await probes;
    // a cancelled probe looks like a connection error: never report that as the server's state
    if (input.signal?.aborted) throw new AppError('rpc.cancelled', { detail: 'the port 25 check was cancelled' });
    return judgeInboundSmtp(target, server, probeOutcomes);
  } finally {
    input.signal?.removeEventListener('abort', cancel);
  }
}
