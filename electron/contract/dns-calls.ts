import { z } from 'zod';
import { call } from './call-spec.js';
import {
  DnsAddressCheckInputSchema,
  DnsAddressCheckSchema,
  DnsCheckReportSchema,
  DnsPlanInputSchema,
  DnsPlanResultSchema,
  DnsServerCheckSchema,
} from './dns-schemas.js';
import { ServerIdSchema } from './server-schemas.js';

/** DNS: the records an installed server needs, checked live from this desktop. */
export const dnsCalls = {
  /** The records to publish (and the PTR names to ask the provider for), with the zone file to download. */
  'dns.plan': call(DnsPlanInputSchema, DnsPlanResultSchema),
  /** Every record asked of the domain's nameservers and public resolvers, with PTR and blocklists. */
  'dns.check': call(DnsPlanInputSchema, DnsCheckReportSchema),
  /** The server's certificates on 443/465/993/995 and its port 25, as seen from this desktop. */
  'dns.checkServer': call(z.object({ serverId: ServerIdSchema }).strict(), DnsServerCheckSchema),
  /** The A/AAAA records alone, before an install whose certificate needs them (HTTP-01). */
  'dns.checkAddresses': call(DnsAddressCheckInputSchema, DnsAddressCheckSchema),
} as const;
