/**
 * The DNS vocabulary shared by the app (the DNS page, the `mailharbor check dns` command) and the
 * agent. Browser-safe types only; the client that sends queries lives in dns-client.ts (Node).
 */

export type DnsRecordType = 'A' | 'AAAA' | 'MX' | 'TXT' | 'CNAME' | 'NS' | 'SOA' | 'PTR' | 'SRV' | 'CAA';

/** A nameserver to ask: an authoritative server, a public resolver, or the test world's knot. */
export interface DnsServer {
  host: string;
  port: number;
}

export interface DnsQueryOptions {
  /** false for authoritative servers (RD=0), true for resolvers. */
  recursionDesired: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** One answer record in a comparable form: TXT strings are kept as the list of strings they came in. */
export type DnsRecordData =
  | { type: 'A' | 'AAAA' | 'CNAME' | 'NS' | 'PTR'; value: string }
  | { type: 'MX'; preference: number; exchange: string }
  | { type: 'TXT'; strings: string[] }
  | { type: 'SRV'; priority: number; weight: number; port: number; target: string }
  | { type: 'CAA'; flags: number; tag: string; value: string }
  | { type: 'SOA'; mname: string; rname: string; serial: number; minimum: number };

export interface DnsRecord {
  name: string;
  ttl: number;
  data: DnsRecordData;
}

export type DnsRcode = 'NOERROR' | 'FORMERR' | 'SERVFAIL' | 'NXDOMAIN' | 'NOTIMP' | 'REFUSED' | 'OTHER';

export interface DnsResponse {
  server: DnsServer;
  rcode: DnsRcode;
  authoritative: boolean;
  answers: DnsRecord[];
  authorities: DnsRecord[];
  /** Whether the answer came over TCP after a truncated UDP one. */
  viaTcp: boolean;
  elapsedMs: number;
}

/** Sends one question to one server. Throws DnsLookupError on timeout or a network failure. */
export type DnsQuery = (
  server: DnsServer,
  name: string,
  type: DnsRecordType,
  options: DnsQueryOptions,
) => Promise<DnsResponse>;
