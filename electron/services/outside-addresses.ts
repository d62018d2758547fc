import { readFileSync } from 'node:fs';
import { PUBLIC_RESOLVERS } from '../../common/dns/authoritative.js';
import { DEFAULT_BLOCKLISTS, type BlocklistZone } from '../../common/dns/blocklist-check.js';
import { isValidDomainName, normalizeName } from '../../common/dns/dns-names.js';
import type { DnsServer } from '../../common/dns/dns-types.js';
import { StackEnvironmentSchema, type StackEnvironment } from '../../common/stack/stack-contract.js';
import { parseHostPort } from '../cli/host-port.js';

/**
 * Every outside address the product contacts can be replaced from the environment, so a test
 * world (or a company proxy) stands in for the internet. Unset means the product's defaults.
 */
export function smtpProbeTargetsFromEnvironment(environment: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const raw = environment.MAILHARBOR_SMTP_PROBE_TARGETS?.trim();
  if (!raw) return undefined;
  const targets = raw.split(',').map((target) => target.trim());
  for (const target of targets) {
    if (!/^(\[[0-9a-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/i.test(target)) {
      throw new Error(`MAILHARBOR_SMTP_PROBE_TARGETS: "${target}" is not host:port (for example mx.example.com:25)`);
    }
  }
  return targets;
}

/** The real services an install uses when nothing replaces them. */
export const DEFAULT_STACK_ENVIRONMENT: StackEnvironment = {
  acme: { directoryUrl: 'https://acme-v02.api.letsencrypt.org/directory' },
  // Mailharbor's feed: each release of the stack with every image's digest (updates pull by digest).
  // A GitHub "latest release" URL also works for installs, but cannot be updated from.
  releaseFeedUrl: 'https://releases.mailharbor.app/stack/feed.json',
  imageRegistry: 'ghcr.io',
  dockerHubMirror: 'docker.io/library',
  dockerAptRepository: 'https://download.docker.com/linux',
};

/**
 * The outside addresses of an install, each replaceable from the environment:
 * MAILHARBOR_ACME_DIRECTORY (+ MAILHARBOR_ACME_CA_FILE, a PEM the ACME server's TLS certificate
 * chains to), MAILHARBOR_RELEASE_FEED, MAILHARBOR_IMAGE_REGISTRY, MAILHARBOR_DOCKERHUB_MIRROR,
 * MAILHARBOR_DOCKER_APT_REPOSITORY. Checked here, so a typo fails at start, not mid-install.
 */
export function stackEnvironmentFromEnvironment(environment: NodeJS.ProcessEnv = process.env): StackEnvironment {
  const pick = (name: string) => environment[name]?.trim() || undefined;
  const caFile = pick('MAILHARBOR_ACME_CA_FILE');
  const candidate = {
    acme: {
      directoryUrl: pick('MAILHARBOR_ACME_DIRECTORY') ?? DEFAULT_STACK_ENVIRONMENT.acme.directoryUrl,
      ...(caFile ? { caBundlePem: readFileSync(caFile, 'utf8') } : {}),
    },
    releaseFeedUrl: pick('MAILHARBOR_RELEASE_FEED') ?? DEFAULT_STACK_ENVIRONMENT.releaseFeedUrl,
    imageRegistry: pick('MAILHARBOR_IMAGE_REGISTRY') ?? DEFAULT_STACK_ENVIRONMENT.imageRegistry,
    dockerHubMirror: pick('MAILHARBOR_DOCKERHUB_MIRROR') ?? DEFAULT_STACK_ENVIRONMENT.dockerHubMirror,
    dockerAptRepository: pick('MAILHARBOR_DOCKER_APT_REPOSITORY') ?? DEFAULT_STACK_ENVIRONMENT.dockerAptRepository,
  };
  const parsed = StackEnvironmentSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`outside addresses: ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Where the DNS page's live checks ask (the desktop's own view of the internet). */
export interface DnsEnvironment {
  /** Recursive resolvers: finding the nameservers, propagation, PTR and blocklists. */
  resolvers: DnsServer[];
  /** The blocklists to ask; unset: the DNS core's DEFAULT_BLOCKLISTS. */
  blocklists?: BlocklistZone[];
}

/** At most this many resolvers: each record is asked of every one. */
const MAX_RESOLVERS = 8;

/**
 * Every default list named in `zones` (by its zone, e.g. zen.spamhaus.org), asked at the zone given
 * instead; each keeps its own documented answers, so a stand-in zone is read exactly like the real list.
 * Lists not named are left out.
 */
export function blocklistsAt(zones: ReadonlyMap<string, string>): BlocklistZone[] {
  for (const zone of zones.keys()) {
    if (!DEFAULT_BLOCKLISTS.some((list) => list.zone === zone)) {
      const known = DEFAULT_BLOCKLISTS.map((list) => list.zone).join(', ');
      throw new Error(`MAILHARBOR_BLOCKLISTS: "${zone}" is not one of the lists Mailharbor knows (${known})`);
    }
  }
  return DEFAULT_BLOCKLISTS.flatMap((list) => {
    const zone = zones.get(list.zone);
    return zone === undefined ? [] : [{ ...list, zone }];
  });
}

/**
 * MAILHARBOR_DNS_RESOLVERS: comma-separated HOST[:PORT] (default Cloudflare, Google and Quad9).
 * MAILHARBOR_BLOCKLISTS: comma-separated LIST or LIST=ZONE, e.g.
 * `zen.spamhaus.org=zen.bl.example.test,dbl.spamhaus.org`: only the lists named are asked, each at its
 * ZONE when one is given; `none` asks none. Checked here, so a typo fails at start.
 */
export function dnsEnvironmentFromEnvironment(environment: NodeJS.ProcessEnv = process.env): DnsEnvironment {
  const rawResolvers = environment.MAILHARBOR_DNS_RESOLVERS?.trim();
  const resolvers = rawResolvers
    ? rawResolvers.split(',').map((text) => {
        const parsed = parseHostPort(text);
        if (typeof parsed === 'string') throw new Error(`MAILHARBOR_DNS_RESOLVERS: ${parsed}`);
        return parsed;
      })
    : [...PUBLIC_RESOLVERS];
  if (resolvers.length > MAX_RESOLVERS) {
    throw new Error(`MAILHARBOR_DNS_RESOLVERS: at most ${MAX_RESOLVERS} resolvers, got ${resolvers.length}`);
  }
  const rawLists = environment.MAILHARBOR_BLOCKLISTS?.trim();
  if (!rawLists) return { resolvers };
  if (rawLists === 'none') return { resolvers, blocklists: [] };
  const zones = new Map<string, string>();
  for (const entry of rawLists.split(',')) {
    const [list = '', zone = list] = entry.split('=').map((part) => normalizeName(part.trim()));
    for (const name of [list, zone]) {
      if (!isValidDomainName(name) || !name.includes('.')) {
        throw new Error(`MAILHARBOR_BLOCKLISTS: "${entry.trim()}" is not LIST or LIST=ZONE (DNS zones)`);
      }
    }
    zones.set(list, zone);
  }
  return { resolvers, blocklists: blocklistsAt(zones) };
}
