import { formatServer } from '../../common/dns/dns-client.js';
import type { DnsCheckReport } from '../../common/dns/check-dns.js';
import type { DnsFinding, RecordCheck } from '../../common/dns/record-check.js';

/** The words for each finding; the DNS page has its own translations of the same codes. */
const FINDING_TEXT: Record<DnsFinding, (check: RecordCheck, report: DnsCheckReport) => string> = {
  spfMultiple: () => 'more than one SPF record: receivers then ignore SPF; merge them into one',
  mxIsCname: (_, report) => `the MX host ${report.mxHost} is a CNAME: an MX must name a host with its own A record`,
  apexCname: (_, report) =>
    `${report.domain} itself is a CNAME: it hides MX and TXT there; replace it with A/AAAA records`,
  dkimMismatch: () => "the published DKIM key is not the server's key: mail signed by the server fails DKIM",
  dmarcMultiple: () => 'more than one DMARC record: receivers then apply none; keep one',
};

/** Long values (a DKIM key) shortened for a terminal line; --json has them whole. */
function short(value: string, max = 72): string {
  return value.length <= max ? value : `${value.slice(0, 40)}…${value.slice(-20)} (${value.length} characters)`;
}

function list(values: readonly string[]): string {
  return values.length === 0 ? 'nothing' : values.map((value) => short(value)).join(' | ');
}

function durationText(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.ceil(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** What to do, in one sentence. */
export function fixText(check: RecordCheck): string {
  const where = `${check.fix.type ?? check.type} ${check.fix.name ?? check.name}`;
  switch (check.fix.action) {
    case 'none':
      return list(check.found);
    case 'add':
      return `missing: add ${where} ${list(check.fix.add ?? [])}`;
    case 'replace':
      return `found ${list(check.fix.remove ?? check.found)}, expected ${list(check.fix.add ?? check.expected)}: change ${where}`;
    case 'wait':
      return `right at the nameservers; resolvers may keep the old answer for up to ${durationText(check.fix.waitSeconds ?? 0)}`;
    case 'alignNameservers':
      return `the nameservers answer differently (${list(check.found)}): make every one of them serve ${list(check.expected)}`;
    case 'retry':
      return `lookup failed, try again later${check.detail ? `: ${check.detail}` : ''}`;
  }
}

const STATE_WIDTH = 'propagating'.length;

function recordLine(check: RecordCheck, report: DnsCheckReport, hostWidth: number): string[] {
  const optional = check.required ? '' : ' (optional)';
  const lines = [
    `  ${check.state.padEnd(STATE_WIDTH)}  ${check.type.padEnd(5)} ${check.host.padEnd(hostWidth)}  ${fixText(check)}${optional}`,
  ];
  for (const finding of check.findings)
    lines.push(`  ${''.padEnd(STATE_WIDTH)}  ! ${FINDING_TEXT[finding](check, report)}`);
  return lines;
}

/** The human report: one line per record with its state and the fix, then PTR, blocklists and the verdict. */
export function formatCheckDnsReport(report: DnsCheckReport): string {
  const lines: string[] = [];
  const { authority } = report;
  if (authority.state === 'found') {
    const servers = authority.servers.map((s) => `${s.nameserver} (${formatServer(s.server)})`).join(', ');
    const how = authority.source === 'explicit' ? 'given' : `zone ${authority.zone}`;
    lines.push(`DNS records of ${report.domain} (${how}; nameservers ${servers})`);
  } else {
    lines.push(`DNS records of ${report.domain}: the nameservers could not be found: ${authority.error ?? ''}`);
  }
  const hostWidth = Math.max(...report.records.map((check) => check.host.length), 1);
  for (const check of report.records) lines.push(...recordLine(check, report, hostWidth));

  lines.push('', `Reverse DNS (PTR, set at your server provider), expected ${report.mxHost}:`);
  for (const ptr of report.ptr) {
    const found = ptr.found.length ? ptr.found.join(', ') : 'nothing';
    lines.push(`  ${ptr.state.padEnd(STATE_WIDTH)}  ${ptr.address}: ${found}${ptr.detail ? ` (${ptr.detail})` : ''}`);
  }

  const listed = report.blocklists.filter((b) => b.state === 'listed');
  const failed = report.blocklists.filter((b) => b.state === 'error');
  const clean = report.blocklists.length - listed.length - failed.length;
  lines.push('', `Blocklists: ${clean} clean, ${listed.length} listed, ${failed.length} could not be asked`);
  for (const entry of [...listed, ...failed]) {
    lines.push(
      `  ${entry.state.padEnd(STATE_WIDTH)}  ${entry.target} on ${entry.list}${entry.detail ? `: ${entry.detail}` : ''}`,
    );
  }

  const open = report.records.filter((check) => check.required && check.state !== 'correct');
  lines.push(
    '',
    open.length === 0
      ? 'Every required record is correct.'
      : `${open.length} required record${open.length === 1 ? ' is' : 's are'} not correct yet: ${open.map((c) => c.id).join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}
