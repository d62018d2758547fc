import { discoverAuthority } from '../../../common/dns/authoritative.js';
import type { DnsQuery } from '../../../common/dns/dns-types.js';
import type { DnsEnvironment } from '../outside-addresses.js';

export interface ChallengeRecord {
  name: string;
  value: string;
}

const TIMEOUT_MS = 5_000;

/**
 * Which of the ACME TXT records the domain's authoritative nameservers do not serve yet. Asked of
 * every authoritative server without recursion (what Let's Encrypt will see once caches expire is
 * what they say), so a record added at the provider counts as soon as the provider publishes it.
 * A lookup that fails counts as not visible: confirming then would only make the certificate fail.
 */
export async function unpublishedChallengeRecords(
  records: readonly ChallengeRecord[],
  dns: DnsEnvironment,
  query: DnsQuery,
  signal?: AbortSignal,
): Promise<ChallengeRecord[]> {
  const names = [...new Set(records.map((record) => record.name.toLowerCase().replace(/\.$/, '')))];
  const served = new Map<string, Set<string>[]>();
  await Promise.all(
    names.map(async (name) => {
      try {
        const authority = await discoverAuthority(name, {
          query,
          resolvers: dns.resolvers,
          timeoutMs: TIMEOUT_MS,
          ...(signal ? { signal } : {}),
        });
        served.set(
          name,
          await Promise.all(
            authority.servers.map(async ({ server }) => {
              const response = await query(server, name, 'TXT', {
                recursionDesired: false,
                timeoutMs: TIMEOUT_MS,
                ...(signal ? { signal } : {}),
              });
              const values = response.answers
                .map((answer) => answer.data)
                .filter((data) => data.type === 'TXT')
                .map((data) => data.strings.join(''));
              return new Set(values);
            }),
          ),
        );
      } catch {
        served.set(name, []);
      }
    }),
  );
  return records.filter((record) => {
    const perServer = served.get(record.name.toLowerCase().replace(/\.$/, '')) ?? [];
    return perServer.length === 0 || perServer.some((values) => !values.has(record.value));
  });
}
