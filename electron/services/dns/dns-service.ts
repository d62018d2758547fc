import { lookup } from 'node:dns/promises';
import type { z } from 'zod';
import { checkDns, type DnsCheckReport } from '../../../common/dns/check-dns.js';
import { createDnsQuery } from '../../../common/dns/dns-client.js';
import type { DnsQuery } from '../../../common/dns/dns-types.js';
import { checkInboundSmtp, type InboundSmtpResult } from '../../../common/dns/inbound-smtp.js';
import { buildRecordPlan, DEFAULT_CAA_ISSUER, type RecordPlanInput } from '../../../common/dns/record-plan.js';
import type { DnsRecordPlan } from '../../../common/dns/record-plan.js';
import { checkTls, type TlsResult } from '../../../common/dns/tls-check.js';
import { renderZoneFile } from '../../../common/dns/zone-file.js';
import type { StackProfile } from '../../../common/stack/stack-contract.js';
import type {
  DnsCheckReportSchema,
  DnsPlanOptions,
  DnsPlanResult,
  DnsRecordPlanSchema,
  DnsServerCheck,
  InboundSmtpResultSchema,
  TlsResultSchema,
} from '../../contract/dns-schemas.js';
import { chooseServerAddresses, type HostLookup, type ServerAddresses } from './dns-addresses.js';
import type { DnsEnvironment } from '../outside-addresses.js';
import { type DnsFactsResult } from '../../../common/stack/stack-contract.js';

/** Per DNS lookup, per TLS handshake and per port 25 connection: long enough for a slow resolver far away. */
export const DNS_PAGE_TIMEOUT_MS = 5_000;

/** What the service needs of a server: its agent's facts, and the address the desktop connects to. */
export interface DnsServerAccess {
  facts(serverId: string): Promise<DnsFactsResult>;
  connectionHost(serverId: string): Promise<string>;
}

export interface DnsServiceOptions {
  dns: DnsEnvironment;
  /** Reference mail servers for the inbound port 25 test (MAILHARBOR_SMTP_PROBE_TARGETS); unset: the core's. */
  smtpProbeTargets: string[] | undefined;
  query?: DnsQuery;
  lookupHost?: HostLookup;
}

/** The names a client asks for on each implicit-TLS port; IMAP and POP3 only run with the full profile. */
export function tlsTargets(domain: string, profile: StackProfile): { port: number; servername: string }[] {
  return [
    { port: 443, servername: domain },
    { port: 465, servername: `smtp.${domain}` },
    ...(profile === 'full'
      ? [
          { port: 993, servername: `imap.${domain}` },
          { port: 995, servername: `pop3.${domain}` },
        ]
      : []),
  ];
}

/** The page's choices as the record plan's input. */
export function planInput(facts: DnsFactsResult, addresses: ServerAddresses, options: DnsPlanOptions = {}) {
  const input: RecordPlanInput = {
    domain: facts.domain,
    ipv4: addresses.ipv4,
    ...(addresses.ipv6 ? { ipv6: addresses.ipv6 } : {}),
    dkim: { selector: facts.dkim.selector, publicKeyBase64: facts.dkim.publicKey },
    profile: facts.profile,
    useCnames: options.useCnames === true,
    optional: {
      mtaSts: options.mtaSts === true,
      tlsRpt: options.tlsRpt === true,
      srv: options.srv === true,
      // the install's certificates come from Let's Encrypt
      ...(options.caa ? { caa: DEFAULT_CAA_ISSUER } : {}),
    },
  };
  return input;
}

async function lookupIpv4(host: string): Promise<string[]> {
  const found = await lookup(host, { family: 4, all: true });
  return found.map((entry) => entry.address);
}

/**
 * The DNS page's work in the main process: the plan from the agent's facts, and the live checks from
 * this desktop, because the desktop's view of the internet is what tells whether the records have spread.
 * The agent is asked for facts only.
 */
export class DnsService {
  private readonly query: DnsQuery;
  private readonly lookupHost: HostLookup;

  constructor(
    private readonly servers: DnsServerAccess,
    private readonly options: DnsServiceOptions,
  ) {
    this.query = options.query ?? createDnsQuery();
    this.lookupHost = options.lookupHost ?? lookupIpv4;
  }

  private async context(serverId: string) {
    const [facts, host] = await Promise.all([this.servers.facts(serverId), this.servers.connectionHost(serverId)]);
    const addresses = await chooseServerAddresses(facts, host, this.lookupHost);
    return { facts, addresses };
  }

  async plan(serverId: string, options?: DnsPlanOptions): Promise<DnsPlanResult> {
    const { facts, addresses } = await this.context(serverId);
    const plan = buildRecordPlan(planInput(facts, addresses, options));
    return {
      profile: facts.profile,
      addressSource: addresses.source,
      plan,
      zoneFile: renderZoneFile(plan, { comment: `DNS records for ${plan.domain}, made by Mailharbor` }),
    };
  }

  async check(serverId: string, options?: DnsPlanOptions): Promise<DnsCheckReport> {
    const { facts, addresses } = await this.context(serverId);
    return checkDns(
      {
        plan: planInput(facts, addresses, options),
        resolvers: this.options.dns.resolvers,
        timeoutMs: DNS_PAGE_TIMEOUT_MS,
        ...(this.options.dns.blocklists ? { blocklists: this.options.dns.blocklists } : {}),
      },
      { query: this.query },
    );
  }

  /**
   * The address records alone, before the install: HTTP-01 certificates need every name to point at
   * the server first. No DKIM or MX yet (they come with the install); no PTR or blocklists.
   */
  async checkAddresses(input: {
    domain: string;
    profile: StackProfile;
    ipv4: string;
    ipv6?: string | undefined;
  }): Promise<{ checkedAt: string; records: DnsCheckReport['records'] }> {
    const report = await checkDns(
      {
        plan: {
          domain: input.domain,
          ipv4: input.ipv4,
          ...(input.ipv6 ? { ipv6: input.ipv6 } : {}),
          profile: input.profile,
        },
        resolvers: this.options.dns.resolvers,
        timeoutMs: DNS_PAGE_TIMEOUT_MS,
        blocklists: [],
      },
      { query: this.query, checkPtr: async () => [] },
    );
    const addressTypes = new Set(['A', 'AAAA']);
    return { checkedAt: report.checkedAt, records: report.records.filter((record) => addressTypes.has(record.type)) };
  }

  /** TLS on every port the profile serves and port 25, all at once: one timeout at most. */
  async checkServer(serverId: string): Promise<DnsServerCheck> {
    const { facts, addresses } = await this.context(serverId);
    const checkedAt = new Date().toISOString();
    const [tls, inbound] = await Promise.all([
      Promise.all(
        tlsTargets(facts.domain, facts.profile).map(async ({ port, servername }) => {
          const [result] = await checkTls({
            host: addresses.ipv4,
            servername,
            ports: [port],
            timeoutMs: DNS_PAGE_TIMEOUT_MS,
          });
          return { ...(result ?? { port, state: 'unreachable' as const, names: [] }), servername };
        }),
      ),
      checkInboundSmtp({
        host: addresses.ipv4,
        timeoutMs: DNS_PAGE_TIMEOUT_MS,
        ...(this.options.smtpProbeTargets ? { probeTargets: this.options.smtpProbeTargets } : {}),
      }),
    ]);
    return { checkedAt, tls, inbound };
  }
}

// The contract's schemas (electron/contract/dns-schemas.ts) must describe exactly what the DNS core
// returns: a field added there is a type error here, before the renderer ever meets it.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type DnsSchemasInStep = [
  Same<z.output<typeof DnsRecordPlanSchema>, DnsRecordPlan>,
  Same<z.output<typeof DnsCheckReportSchema>, DnsCheckReport>,
  Same<z.output<typeof TlsResultSchema>, TlsResult>,
  Same<z.output<typeof InboundSmtpResultSchema>, InboundSmtpResult>,
] extends [true, true, true, true]
  ? true
  : never;
const schemasInStep: DnsSchemasInStep = true;
void schemasInStep;
