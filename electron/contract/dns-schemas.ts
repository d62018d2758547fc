import { z } from 'zod';
import { DNS_PURPOSE_KEYS } from '../../common/dns/record-plan.js';
import { StackProfileSchema } from '../../common/stack/stack-contract.js';
import { ServerIdSchema } from './server-schemas.js';
import { DomainSchema } from '../../common/values/domain.js';

/**
 * The DNS page's calls: the record plan of an installed server, the live check of those records from
 * this desktop, and the server's TLS certificates and inbound port 25. The shapes are the DNS core's own
 * (remote-agent/src/dns/); electron/services/dns/dns-service.ts asserts that these schemas and those types
 * stay in step (not here: those modules use Node, and the renderer reads this file).
 */

const DnsRecordTypeSchema = z.enum(['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'SOA', 'PTR', 'SRV', 'CAA']);
const DnsServerSchema = z.object({ host: z.string(), port: z.number().int() });

const DnsRecordDataSchema = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['A', 'AAAA', 'CNAME', 'NS', 'PTR']), value: z.string() }),
  z.object({ type: z.literal('MX'), preference: z.number().int(), exchange: z.string() }),
  z.object({ type: z.literal('TXT'), strings: z.array(z.string()) }),
  z.object({
    type: z.literal('SRV'),
    priority: z.number().int(),
    weight: z.number().int(),
    port: z.number().int(),
    target: z.string(),
  }),
  z.object({ type: z.literal('CAA'), flags: z.number().int(), tag: z.string(), value: z.string() }),
  z.object({
    type: z.literal('SOA'),
    mname: z.string(),
    rname: z.string(),
    serial: z.number(),
    minimum: z.number(),
  }),
]);

const PurposeSchema = z.enum(DNS_PURPOSE_KEYS);

const PlannedRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  type: DnsRecordTypeSchema,
  ttl: z.number().int(),
  values: z.array(z.string()),
  txtStrings: z.array(z.string()).optional(),
  data: z.array(DnsRecordDataSchema),
  required: z.boolean(),
  purpose: PurposeSchema,
  match: z.enum(['address', 'exact', 'caa', 'spf', 'dkim', 'dmarc', 'mtaSts', 'tlsRpt']),
});

export const DnsRecordPlanSchema = z.object({
  domain: z.string(),
  mxHost: z.string(),
  ipv4: z.string(),
  ipv6: z.string().optional(),
  records: z.array(PlannedRecordSchema),
  ptr: z.array(z.object({ address: z.string(), reverseName: z.string(), expected: z.string() })),
});

/** The optional parts of the plan the page lets the user choose. */
export const DnsPlanOptionsSchema = z
  .object({
    /** CNAMEs to the domain instead of A/AAAA records on the service names. */
    useCnames: z.boolean().optional(),
    mtaSts: z.boolean().optional(),
    tlsRpt: z.boolean().optional(),
    srv: z.boolean().optional(),
    /** A CAA record for Let's Encrypt (the certificate authority the install uses). */
    caa: z.boolean().optional(),
  })
  .strict();
export type DnsPlanOptions = z.infer<typeof DnsPlanOptionsSchema>;

export const DnsPlanInputSchema = z
  .object({ serverId: ServerIdSchema, options: DnsPlanOptionsSchema.optional() })
  .strict();

/**
 * Where the record plan's server addresses came from: the server's own interfaces; the address the
 * desktop connects to (a server behind NAT has only private addresses on its interfaces); or, with
 * neither public, a private address (the page then says the records need the public one).
 */
export const AddressSourceSchema = z.enum(['server', 'connection', 'private']);
export type AddressSource = z.infer<typeof AddressSourceSchema>;

export const DnsPlanResultSchema = z.object({
  profile: StackProfileSchema,
  addressSource: AddressSourceSchema,
  plan: DnsRecordPlanSchema,
  /** BIND syntax, for the download. */
  zoneFile: z.string(),
});
export type DnsPlanResult = z.infer<typeof DnsPlanResultSchema>;

const RecordStateSchema = z.enum(['correct', 'propagating', 'disagree', 'wrong', 'missing', 'error']);

const ServerObservationSchema = z.object({
  server: DnsServerSchema,
  nameserver: z.string().optional(),
  state: z.enum(['correct', 'wrong', 'missing', 'error']),
  found: z.array(z.string()),
  ttl: z.number().optional(),
  error: z.string().optional(),
});

export const RecordCheckSchema = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  type: DnsRecordTypeSchema,
  required: z.boolean(),
  purpose: PurposeSchema,
  state: RecordStateSchema,
  expected: z.array(z.string()),
  found: z.array(z.string()),
  findings: z.array(z.enum(['spfMultiple', 'mxIsCname', 'apexCname', 'dkimMismatch', 'dmarcMultiple'])),
  fix: z.object({
    action: z.enum(['none', 'add', 'replace', 'wait', 'alignNameservers', 'retry']),
    name: z.string().optional(),
    type: DnsRecordTypeSchema.optional(),
    remove: z.array(z.string()).optional(),
    add: z.array(z.string()).optional(),
    waitSeconds: z.number().optional(),
  }),
  remainingTtlSeconds: z.number().optional(),
  detail: z.string().optional(),
  retryable: z.boolean(),
  authoritative: z.array(ServerObservationSchema),
  resolvers: z.array(ServerObservationSchema),
});

export const DnsCheckReportSchema = z.object({
  domain: z.string(),
  mxHost: z.string(),
  checkedAt: z.string(),
  elapsedMs: z.number(),
  authority: z.object({
    state: z.enum(['found', 'error']),
    zone: z.string().optional(),
    source: z.enum(['discovered', 'explicit']).optional(),
    nameservers: z.array(z.string()),
    servers: z.array(z.object({ nameserver: z.string(), server: DnsServerSchema })),
    error: z.string().optional(),
  }),
  resolvers: z.array(DnsServerSchema),
  records: z.array(RecordCheckSchema),
  ptr: z.array(
    z.object({
      address: z.string(),
      state: z.enum(['correct', 'wrong', 'missing', 'notConfirmed', 'error']),
      found: z.array(z.string()),
      detail: z.string().optional(),
    }),
  ),
  blocklists: z.array(
    z.object({
      list: z.string(),
      target: z.string(),
      state: z.enum(['clean', 'listed', 'error']),
      detail: z.string().optional(),
      answers: z.array(z.string()).optional(),
    }),
  ),
  summary: z.object({
    allRequiredCorrect: z.boolean(),
    counts: z.record(RecordStateSchema, z.number().int()),
    ptrCorrect: z.boolean(),
    listed: z.number().int(),
  }),
});

export const TlsResultSchema = z.object({
  port: z.number().int(),
  state: z.enum(['ok', 'nameMismatch', 'expired', 'expiringSoon', 'untrusted', 'unreachable']),
  names: z.array(z.string()),
  issuer: z.string().optional(),
  validTo: z.string().optional(),
  daysLeft: z.number().optional(),
  detail: z.string().optional(),
});

export const InboundSmtpResultSchema = z.object({
  state: z.enum(['open', 'closed', 'filtered', 'cannotTestFromHere']),
  target: z.string(),
  greeting: z.string().optional(),
  detail: z.string().optional(),
});

export const DnsServerCheckSchema = z.object({
  checkedAt: z.string(),
  /** One per implicit-TLS port the profile serves, with the name a client asks for there. */
  tls: z.array(TlsResultSchema.extend({ servername: z.string() })),
  /** Port 25 of the server, tried from this desktop. */
  inbound: InboundSmtpResultSchema,
});
export type DnsServerCheck = z.infer<typeof DnsServerCheckSchema>;

/**
 * Before an install with HTTP-01 certificates: the address records alone (the certificate authority
 * connects to these names), for the address the preflight found on the server.
 */
export const DnsAddressCheckInputSchema = z
  .object({
    domain: DomainSchema,
    profile: StackProfileSchema,
    ipv4: z.ipv4(),
    ipv6: z.ipv6().optional(),
  })
  .strict();

export const DnsAddressCheckSchema = z.object({
  checkedAt: z.string(),
  records: z.array(RecordCheckSchema),
});
