/**
 * The DNS records a Mailharbor install needs, built from what the install knows (domain, server
 * addresses, DKIM public key and selector, profile). The DNS page shows them with copy buttons, the
 * zone file export writes them, and record-check.ts compares each one with what the nameservers say.
 * Browser-safe: no Node imports.
 */
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { HTTP_CERTIFICATE_LABELS } from '../stack/certificate-names.js';
import { reverseName } from './ip-address.js';
import { presentRecordData, splitTxt } from './record-data.js';
import type { DnsRecordData, DnsRecordType } from './dns-types.js';
import { DomainSchema } from '../values/domain.js';

/** The TTL every planned record is published with: an hour, short enough to correct a mistake the same day. */
export const PLANNED_TTL_SECONDS = 3600;
export const MX_PREFERENCE = 10;
export const DEFAULT_CAA_ISSUER = 'letsencrypt.org';

/** i18n keys of what each record is for (the DNS page's "why" column); translations live in the renderer. */
export const DNS_PURPOSE_KEYS = [
  'dns.purpose.apex',
  'dns.purpose.mxHost',
  'dns.purpose.smtpHost',
  'dns.purpose.imapHost',
  'dns.purpose.pop3Host',
  'dns.purpose.apiHost',
  'dns.purpose.caldavHost',
  'dns.purpose.carddavHost',
  'dns.purpose.mx',
  'dns.purpose.spf',
  'dns.purpose.dkim',
  'dns.purpose.dmarc',
  'dns.purpose.mtaSts',
  'dns.purpose.mtaStsHost',
  'dns.purpose.tlsRpt',
  'dns.purpose.srvSubmissions',
  'dns.purpose.srvImaps',
  'dns.purpose.srvPop3s',
  'dns.purpose.caa',
  'dns.purpose.ptr',
] as const;
export type DnsPurposeKey = (typeof DNS_PURPOSE_KEYS)[number];

/**
 * How record-check.ts decides a published record is right: 'address' and 'exact' compare data, the TXT
 * kinds read the policy (an SPF record may say more than ours and still be right), 'caa' needs our CA
 * among the issuers.
 */
export type RecordMatch = 'address' | 'exact' | 'caa' | 'spf' | 'dkim' | 'dmarc' | 'mtaSts' | 'tlsRpt';

export interface PlannedRecord {
  /** Stable id: 'a:@', 'aaaa:mx', 'cname:smtp', 'mx', 'spf', 'dkim', 'dmarc', 'srv:imaps', ... */
  id: string;
  /** Full name, lower case, no trailing dot. */
  name: string;
  /** The name relative to the domain, as registrars ask for it ('@', 'mx', 'default._domainkey'). */
  host: string;
  type: DnsRecordType;
  ttl: number;
  /** One value per record, as typed into a registrar's form ('10 mx.example.com'; a TXT record's whole text). */
  values: string[];
  /** TXT only: the text split into strings of at most 255 bytes, for providers that want them apart. */
  txtStrings?: string[];
  data: DnsRecordData[];
  required: boolean;
  purpose: DnsPurposeKey;
  match: RecordMatch;
}

/** PTR is set at the VPS provider, not the registrar: kept apart from the records. */
export interface PtrExpectation {
  address: string;
  reverseName: string;
  expected: string;
}

export interface DnsRecordPlan {
  domain: string;
  mxHost: string;
  /** The server's addresses: SPF and the address records are checked against them. */
  ipv4: string;
  ipv6?: string;
  records: PlannedRecord[];
  ptr: PtrExpectation[];
}

const SELECTOR = /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$/i;

/** A DKIM public key as base64 (SubjectPublicKeyInfo); a PEM block is accepted and unwrapped. */
const DkimKeySchema = z
  .string()
  .max(8192)
  .transform((value) =>
    value
      .replace(/-----(BEGIN|END) (RSA )?PUBLIC KEY-----/g, '')
      .replace(/^\s*p=/, '')
      .replace(/\s+/g, ''),
  )
  .pipe(
    z
      .string()
      .min(64, 'expected a base64 public key (the p= value of a DKIM record)')
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected a base64 public key (the p= value of a DKIM record)'),
  );

export const RecordPlanInputSchema = z.object({
  domain: DomainSchema,
  ipv4: z.ipv4({ message: 'expected an IPv4 address such as 203.0.113.10' }),
  ipv6: z.ipv6({ message: 'expected an IPv6 address such as 2001:db8::10' }).optional(),
  dkim: z
    .object({
      selector: z.string().max(253).regex(SELECTOR, 'expected a DKIM selector such as default'),
      publicKeyBase64: DkimKeySchema,
    })
    .optional(),
  profile: z.enum(['full', 'forwarding']),
  /** CNAMEs to the domain instead of A/AAAA records on the service names (mx keeps its own: see below). */
  useCnames: z.boolean().optional(),
  optional: z
    .object({
      mtaSts: z.boolean().optional(),
      tlsRpt: z.boolean().optional(),
      srv: z.boolean().optional(),
      /** The certificate authority allowed to issue for the domain (CAA), e.g. letsencrypt.org. */
      caa: DomainSchema.optional(),
    })
    .optional(),
});
export type RecordPlanInput = z.input<typeof RecordPlanInputSchema>;
type ParsedInput = z.output<typeof RecordPlanInputSchema>;

export function parseRecordPlanInput(input: unknown): ParsedInput {
  const parsed = RecordPlanInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'input';
  throw new AppError('stack.invalidOptions', {
    params: { field },
    detail: `${field}: ${issue?.message ?? 'invalid'}`,
  });
}

/** What each service name is for; the names themselves are the HTTP-01 certificate's (certificate-names.ts). */
const HOST_PURPOSES: Record<(typeof HTTP_CERTIFICATE_LABELS)[number], DnsPurposeKey> = {
  mx: 'dns.purpose.mxHost',
  smtp: 'dns.purpose.smtpHost',
  imap: 'dns.purpose.imapHost',
  pop3: 'dns.purpose.pop3Host',
  api: 'dns.purpose.apiHost',
  caldav: 'dns.purpose.caldavHost',
  carddav: 'dns.purpose.carddavHost',
};

/**
 * SPF: `v=spf1 mx ip4:<v4> [ip6:<v6>] -all`. ip4/ip6 authorise the server itself without costing one of
 * SPF's ten DNS lookups; `mx` keeps the MX host authorised when the address changes and only the A/AAAA
 * records are updated (one lookup). No `a`: the apex points at the same server, so it would only spend a
 * lookup. `-all` (hard fail): this server is the only one that sends for the domain, and receivers (and
 * DMARC) should treat anything else as forged. record-check.ts accepts any single SPF record that
 * authorises the server and ends in -all or ~all, so an existing, longer record is not "wrong".
 */
export function spfValue(ipv4: string, ipv6?: string): string {
  return ['v=spf1', 'mx', `ip4:${ipv4}`, ...(ipv6 ? [`ip6:${ipv6}`] : []), '-all'].join(' ');
}

/**
 * DMARC: quarantine rather than reject for a new server: while DKIM and SPF are being put right, mail that
 * fails lands in the spam folder instead of bouncing, and reject can follow once the aggregate reports
 * (rua, to dmarc@ the domain itself: the user creates that alias) show everything passes. record-check.ts
 * accepts quarantine or reject; p=none protects nothing and is reported as wrong.
 */
export function dmarcValue(domain: string): string {
  return `v=DMARC1; p=quarantine; rua=mailto:dmarc@${domain}`;
}

export function dkimValue(publicKeyBase64: string): string {
  return `v=DKIM1; k=rsa; p=${publicKeyBase64}`;
}

/**
 * The MTA-STS policy id: it must change whenever the policy does (RFC 8461 §3.1). The policy names the MX
 * host, so the id is derived from it: the same install gives the same id on every render.
 */
export function mtaStsId(mxHost: string): string {
  let hash = 0x811c9dc5; // FNV-1a, 32 bits: short and stable, no crypto needed
  for (const char of mxHost) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `mh${hash.toString(16).padStart(8, '0')}`;
}

function hostOf(label: string): string {
  return label === '' ? '@' : label;
}

function nameOf(label: string, domain: string): string {
  return label === '' ? domain : `${label}.${domain}`;
}

interface RecordSpec {
  id: string;
  label: string;
  type: DnsRecordType;
  data: DnsRecordData[];
  required: boolean;
  purpose: DnsPurposeKey;
  match: RecordMatch;
}

function planned(spec: RecordSpec, domain: string): PlannedRecord {
  const record: PlannedRecord = {
    id: spec.id,
    name: nameOf(spec.label, domain),
    host: hostOf(spec.label),
    type: spec.type,
    ttl: PLANNED_TTL_SECONDS,
    values: spec.data.map((data) => presentRecordData(data)),
    data: spec.data,
    required: spec.required,
    purpose: spec.purpose,
    match: spec.match,
  };
  const [first] = spec.data;
  if (first?.type === 'TXT') record.txtStrings = first.strings;
  return record;
}

function txt(text: string): DnsRecordData {
  return { type: 'TXT', strings: splitTxt(text) };
}

/** A and AAAA for a name, or (useCnames) one CNAME to the domain. */
function addressSpecs(
  label: string,
  purpose: DnsPurposeKey,
  input: ParsedInput,
  asCname: boolean,
  required: boolean,
): RecordSpec[] {
  const host = hostOf(label);
  if (asCname) {
    return [
      {
        id: `cname:${host}`,
        label,
        type: 'CNAME',
        data: [{ type: 'CNAME', value: input.domain }],
        required,
        purpose,
        match: 'exact',
      },
    ];
  }
  const specs: RecordSpec[] = [
    {
      id: `a:${host}`,
      label,
      type: 'A',
      data: [{ type: 'A', value: input.ipv4 }],
      required,
      purpose,
      match: 'address',
    },
  ];
  if (input.ipv6) {
    specs.push({
      id: `aaaa:${host}`,
      label,
      type: 'AAAA',
      data: [{ type: 'AAAA', value: input.ipv6 }],
      required,
      purpose,
      match: 'address',
    });
  }
  return specs;
}

function srvSpec(service: string, port: number, target: string, purpose: DnsPurposeKey): RecordSpec {
  return {
    id: `srv:${service}`,
    label: `_${service}._tcp`,
    type: 'SRV',
    // RFC 6186: priority 0, weight 1 (one server), the port, and the name the certificate covers
    data: [{ type: 'SRV', priority: 0, weight: 1, port, target }],
    required: false,
    purpose,
    match: 'exact',
  };
}

function specsFor(input: ParsedInput): RecordSpec[] {
  const { domain } = input;
  const mxHost = `mx.${domain}`;
  const specs: RecordSpec[] = [
    // The apex can never be a CNAME (it holds SOA, NS, MX and TXT), and it is the web interface's name.
    ...addressSpecs('', 'dns.purpose.apex', input, false, true),
    // mx never becomes a CNAME: an MX must name a host with its own A/AAAA records (RFC 2181 §10.3).
    ...addressSpecs('mx', HOST_PURPOSES.mx, input, false, true),
    {
      id: 'mx',
      label: '',
      type: 'MX',
      data: [{ type: 'MX', preference: MX_PREFERENCE, exchange: mxHost }],
      required: true,
      purpose: 'dns.purpose.mx',
      match: 'exact',
    },
    {
      id: 'spf',
      label: '',
      type: 'TXT',
      data: [txt(spfValue(input.ipv4, input.ipv6))],
      required: true,
      purpose: 'dns.purpose.spf',
      match: 'spf',
    },
  ];
  if (input.dkim) {
    specs.push({
      id: 'dkim',
      label: `${input.dkim.selector.toLowerCase()}._domainkey`,
      type: 'TXT',
      data: [txt(dkimValue(input.dkim.publicKeyBase64))],
      required: true,
      purpose: 'dns.purpose.dkim',
      match: 'dkim',
    });
  }
  specs.push({
    id: 'dmarc',
    label: '_dmarc',
    type: 'TXT',
    data: [txt(dmarcValue(domain))],
    required: true,
    purpose: 'dns.purpose.dmarc',
    match: 'dmarc',
  });
  // Every certificate name needs an address in both profiles: the default HTTP-01 certificate validates
  // each one, IMAP and CalDAV names included, even when forwarding-only leaves those services off.
  for (const label of HTTP_CERTIFICATE_LABELS.filter((name) => name !== 'mx')) {
    specs.push(...addressSpecs(label, HOST_PURPOSES[label], input, !!input.useCnames, true));
  }

  const optional = input.optional ?? {};
  if (optional.mtaSts) {
    specs.push(
      {
        id: 'mta-sts',
        label: '_mta-sts',
        type: 'TXT',
        data: [txt(`v=STSv1; id=${mtaStsId(mxHost)}`)],
        required: false,
        purpose: 'dns.purpose.mtaSts',
        match: 'mtaSts',
      },
      // the policy file is fetched over HTTPS from mta-sts.<domain>
      ...addressSpecs('mta-sts', 'dns.purpose.mtaStsHost', input, !!input.useCnames, false),
    );
  }
  if (optional.tlsRpt) {
    specs.push({
      id: 'tls-rpt',
      label: '_smtp._tls',
      type: 'TXT',
      data: [txt(`v=TLSRPTv1; rua=mailto:tlsrpt@${domain}`)],
      required: false,
      purpose: 'dns.purpose.tlsRpt',
      match: 'tlsRpt',
    });
  }
  if (optional.srv) {
    // Only what the stack serves: submission on 465 always, IMAP and POP3 with the full profile.
    specs.push(srvSpec('submissions', 465, `smtp.${domain}`, 'dns.purpose.srvSubmissions'));
    if (input.profile === 'full') {
      specs.push(
        srvSpec('imaps', 993, `imap.${domain}`, 'dns.purpose.srvImaps'),
        srvSpec('pop3s', 995, `pop3.${domain}`, 'dns.purpose.srvPop3s'),
      );
    }
  }
  if (optional.caa) {
    specs.push({
      id: 'caa',
      label: '',
      type: 'CAA',
      data: [{ type: 'CAA', flags: 0, tag: 'issue', value: optional.caa }],
      required: false,
      purpose: 'dns.purpose.caa',
      match: 'caa',
    });
  }
  return specs;
}

/** The records to publish, in the order the DNS page lists them, and the PTR names to ask the provider for. */
export function buildRecordPlan(raw: RecordPlanInput): DnsRecordPlan {
  const input = parseRecordPlanInput(raw);
  const domain = input.domain.toLowerCase();
  const normalized: ParsedInput = { ...input, domain };
  const mxHost = `mx.${domain}`;
  const addresses = [input.ipv4, ...(input.ipv6 ? [input.ipv6] : [])];
  return {
    domain,
    mxHost,
    ipv4: input.ipv4,
    ...(input.ipv6 ? { ipv6: input.ipv6 } : {}),
    records: specsFor(normalized).map((spec) => planned(spec, domain)),
    ptr: addresses.map((address) => ({ address, reverseName: reverseName(address), expected: mxHost })),
  };
}
