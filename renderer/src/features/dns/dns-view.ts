import type { DnsPlanResult, DnsServerCheck } from '../../../../electron/contract/dns-schemas';
import type { CallOutput } from '../../../../electron/contract/contract';
import type { PreflightFinding } from '../../../../common/agent-contract';

/**
 * The DNS page's reading of the check results: how each record's state is shown, what to change, how
 * long a resolver may still serve an old answer, and whether anything is left to fix (which keeps the
 * page re-checking by itself). Pure, so it is tested without a browser.
 */

export type DnsReport = CallOutput<'dns.check'>;
export type RecordCheckView = DnsReport['records'][number];
export type PlannedRecordView = DnsPlanResult['plan']['records'][number];
export type RecordState = RecordCheckView['state'];
export type Tone = 'ok' | 'warning' | 'blocker';

/** How each state looks: right, something to wait for or retry, something to change. */
const STATE_TONES: Record<RecordState, Tone> = {
  correct: 'ok',
  propagating: 'warning',
  disagree: 'warning',
  error: 'warning',
  wrong: 'blocker',
  missing: 'blocker',
};

/** An optional record that is not there yet only needs a warning: mail works without it. */
export function recordTone(check: Pick<RecordCheckView, 'state' | 'required'>): Tone {
  const tone = STATE_TONES[check.state];
  return tone === 'blocker' && !check.required ? 'warning' : tone;
}

/** The checks of the plan's records, by record id (a check of an older plan is not shown against a new one). */
export function checksById(report: DnsReport | undefined, plan: DnsPlanResult['plan']): Map<string, RecordCheckView> {
  const checks = new Map<string, RecordCheckView>();
  if (!report || report.domain !== plan.domain) return checks;
  for (const check of report.records) checks.set(check.id, check);
  return checks;
}

/** Seconds a resolver may still hold its old answer, counted down from when the check ran; 0 once past. */
export function remainingSeconds(
  check: Pick<RecordCheckView, 'remainingTtlSeconds'>,
  checkedAt: string,
  now: number,
): number {
  const total = check.remainingTtlSeconds ?? 0;
  const elapsed = Math.max(0, (now - Date.parse(checkedAt)) / 1000);
  return Math.max(0, Math.ceil(total - elapsed));
}

/** 75 → "1:15", 3725 → "1:02:05": the same in every language. */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** What to do, as the page words it: the name and type to change, what to delete and what to publish. */
export interface FixView {
  kind: 'add' | 'replace' | 'wait' | 'alignNameservers' | 'retry' | 'none';
  name: string;
  type: string;
  remove: string[];
  add: string[];
  /** The fix is at another name than the record's own (an MX host that is a CNAME). */
  elsewhere: boolean;
}

export function fixView(check: RecordCheckView): FixView {
  const name = check.fix.name ?? check.name;
  return {
    kind: check.fix.action,
    name,
    type: check.fix.type ?? check.type,
    remove: check.fix.remove ?? [],
    add: check.fix.add ?? check.expected,
    elsewhere: name !== check.name,
  };
}

/** The nameservers that gave which answer, for "your nameservers disagree". */
export function disagreement(check: RecordCheckView): { nameserver: string; found: string }[] {
  return check.authoritative.map((observation) => ({
    nameserver: observation.nameserver ?? observation.server.host,
    found: observation.state === 'error' ? '' : observation.found.join(', '),
  }));
}

/** Every record as "name  type  value" lines, for pasting into a note or a message to whoever runs the DNS. */
export function recordsAsText(plan: DnsPlanResult['plan']): string {
  const lines = plan.records.flatMap((record) =>
    record.values.map((value) => `${record.name}\t${record.ttl}\t${record.type}\t${value}`),
  );
  return `${lines.join('\n')}\n`;
}

/** A long TXT value as the quoted strings some providers want ("..." "..."). */
export function quotedTxtStrings(strings: readonly string[]): string {
  return strings.map((part) => `"${part.replace(/(["\\])/g, '\\$1')}"`).join(' ');
}

/** The blocklist results per address or domain: listed first, then those that could not be checked. */
export function blocklistsByTarget(results: DnsReport['blocklists']) {
  const targets = new Map<string, DnsReport['blocklists']>();
  for (const result of results) targets.set(result.target, [...(targets.get(result.target) ?? []), result]);
  return [...targets].map(([target, lists]) => ({
    target,
    listed: lists.filter((list) => list.state === 'listed'),
    failed: lists.filter((list) => list.state === 'error'),
    clean: lists.filter((list) => list.state === 'clean'),
  }));
}

/** The port 25 result that counts as right: open, or not testable from this network (nothing to fix on the server). */
function inboundRight(check: DnsServerCheck): boolean {
  return check.inbound.state === 'open' || check.inbound.state === 'cannotTestFromHere';
}

export interface DnsVerdict {
  /** Required records that are not correct yet. */
  recordsToFix: number;
  /** Optional records chosen that are not correct yet. */
  optionalToFix: number;
  ptrToFix: number;
  listed: number;
  /** Lookups that failed: the verdict cannot be "everything is right" while these are unknown. */
  unknown: number;
  tlsToFix: number;
  port25ToFix: number;
  everythingRight: boolean;
}

/**
 * What is still to do after one round of checks. Everything is right only when every record (the chosen
 * optional ones too) is correct, every PTR is confirmed, no list names the server, every certificate is
 * fine and port 25 answers; while it is not, the page keeps checking by itself.
 */
export function dnsVerdict(
  report: DnsReport,
  server: DnsServerCheck | undefined,
  outbound: PreflightFinding | undefined,
): DnsVerdict {
  const notCorrect = report.records.filter((record) => record.state !== 'correct');
  const verdict = {
    recordsToFix: notCorrect.filter((record) => record.required).length,
    optionalToFix: notCorrect.filter((record) => !record.required).length,
    ptrToFix: report.ptr.filter((ptr) => ptr.state !== 'correct').length,
    listed: report.blocklists.filter((list) => list.state === 'listed').length,
    unknown: report.blocklists.filter((list) => list.state === 'error').length,
    tlsToFix: server ? server.tls.filter((tls) => tls.state !== 'ok').length : 0,
    port25ToFix: (server && !inboundRight(server) ? 1 : 0) + (outbound && outbound.status !== 'ok' ? 1 : 0),
  };
  const open = Object.values(verdict).reduce((sum, count) => sum + count, 0);
  return { ...verdict, everythingRight: open === 0 && server !== undefined };
}

/** Automatic re-checks stop after this many rounds (an hour at 30 s): a page left open overnight stays quiet. */
export const AUTO_CHECK_INTERVAL_MS = 30_000;
export const MAX_AUTO_CHECKS = 120;

/** Whether another automatic round is due: something is left to fix and the bound is not reached. */
export function shouldCheckAgain(verdict: DnsVerdict | undefined, rounds: number): boolean {
  return verdict !== undefined && !verdict.everythingRight && rounds < MAX_AUTO_CHECKS;
}
