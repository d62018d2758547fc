import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CheckDnsInput } from '../../common/dns/check-dns.js';
import type { DnsServer } from '../../common/dns/dns-types.js';
import type { RecordPlanInput } from '../../common/dns/record-plan.js';
import { parseHostPort } from './host-port.js';

export const CHECK_DNS_USAGE = `Usage: mailharbor check dns --domain D --ipv4 A [options]

Checks the DNS records a Mailharbor mail server needs, asking the domain's own (authoritative)
nameservers, with public resolvers as context for propagation, plus reverse DNS (PTR) and blocklists.
Exit code 0 only when every required record is correct; 1 when one is not; 2 for a usage error.

  --domain D                the mail domain (example.com)
  --ipv4 A                  the server's IPv4 address
  --ipv6 B                  the server's IPv6 address, if it has one
  --dkim-selector S         DKIM selector (default when --dkim-key is given: default)
  --dkim-key K              DKIM public key: base64, the p= value (or a PEM block)
  --dkim-key-file FILE      the same, read from a file (e.g. openssl rsa -pubout output)
  --profile full|forwarding the install's profile (default full)
  --cnames                  expect CNAMEs to the domain on the service names instead of A/AAAA
  --mta-sts --tls-rpt --srv also check these optional records
  --caa ISSUER              also check CAA for this certificate authority (letsencrypt.org)
  --nameserver HOST[:PORT]  ask this authoritative server instead of finding the domain's (repeatable)
  --resolver HOST[:PORT]    resolver for discovery, propagation, PTR, blocklists (repeatable;
                            default 1.1.1.1, 8.8.8.8, 9.9.9.9)
  --timeout MS              per lookup (default 5000)
  --json                    print the whole report as JSON
  -h, --help                this text
`;

export interface CheckDnsArgs {
  input: CheckDnsInput;
  json: boolean;
}

/** Bad command-line input: the message names the option. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

function servers(option: string, values: string[] | undefined): DnsServer[] | undefined {
  if (!values || values.length === 0) return undefined;
  return values.map((value) => {
    const parsed = parseHostPort(value);
    if (typeof parsed === 'string') throw new CliUsageError(`--${option}: ${parsed}`);
    return parsed;
  });
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliUsageError(`--dkim-key-file: cannot read ${file}: ${(error as Error).message}`);
  }
}

/** `check dns` options into a check input, or 'help'. Throws CliUsageError naming the bad option. */
export function parseCheckDnsArgs(argv: readonly string[]): CheckDnsArgs | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        domain: { type: 'string' },
        ipv4: { type: 'string' },
        ipv6: { type: 'string' },
        'dkim-selector': { type: 'string' },
        'dkim-key': { type: 'string' },
        'dkim-key-file': { type: 'string' },
        profile: { type: 'string' },
        cnames: { type: 'boolean' },
        'mta-sts': { type: 'boolean' },
        'tls-rpt': { type: 'boolean' },
        srv: { type: 'boolean' },
        caa: { type: 'string' },
        nameserver: { type: 'string', multiple: true },
        resolver: { type: 'string', multiple: true },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  if (values.help) return 'help';
  if (!values.domain) throw new CliUsageError('--domain is required');
  if (!values.ipv4) throw new CliUsageError('--ipv4 is required');
  if (values['dkim-key'] && values['dkim-key-file']) {
    throw new CliUsageError('--dkim-key and --dkim-key-file: give one of them');
  }
  const dkimKey = values['dkim-key'] ?? (values['dkim-key-file'] ? readKeyFile(values['dkim-key-file']) : undefined);
  if (values['dkim-selector'] && !dkimKey) throw new CliUsageError('--dkim-selector needs --dkim-key');
  const profile = values.profile ?? 'full';
  if (profile !== 'full' && profile !== 'forwarding') {
    throw new CliUsageError(`--profile must be full or forwarding, got ${profile}`);
  }
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 60_000) {
      throw new CliUsageError(`--timeout must be a number of milliseconds from 1 to 60000, got ${values.timeout}`);
    }
  }

  const optional: NonNullable<RecordPlanInput['optional']> = {
    ...(values['mta-sts'] ? { mtaSts: true } : {}),
    ...(values['tls-rpt'] ? { tlsRpt: true } : {}),
    ...(values.srv ? { srv: true } : {}),
    ...(values.caa ? { caa: values.caa } : {}),
  };
  const plan: RecordPlanInput = {
    domain: values.domain,
    ipv4: values.ipv4,
    profile,
    ...(values.ipv6 ? { ipv6: values.ipv6 } : {}),
    ...(dkimKey ? { dkim: { selector: values['dkim-selector'] ?? 'default', publicKeyBase64: dkimKey } } : {}),
    ...(values.cnames ? { useCnames: true } : {}),
    ...(Object.keys(optional).length ? { optional } : {}),
  };
  const nameservers = servers('nameserver', values.nameserver);
  const resolvers = servers('resolver', values.resolver);
  return {
    json: !!values.json,
    input: {
      plan,
      ...(nameservers ? { nameservers } : {}),
      ...(resolvers ? { resolvers } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
    },
  };
}
