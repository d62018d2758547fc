// The world's release feed on 127.0.0.1:8470 and 172.29.53.1:8470: which stand-in stack release is the
// latest (v1.1.0 at start; tests switch it to v1.2.0-broken for rollback tests), in GitHub's releases-API
// shape and Mailharbor's own. The releases are the forwardemail stand-in tags the world registry holds.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { WorldContext } from '../context.js';
import { FORWARDEMAIL_REPOSITORY, STANDIN_IMAGES } from '../images.js';
import { registryAddress } from '../registry.js';
import { issueCert } from '../ca.js';
import { listenAddresses } from './shared/listen-addresses.js';
import { pieceScript, startTsxDaemon, stopTsxDaemon } from './shared/node-daemon.js';
import { tcpPortOpen } from './shared/tcp-port-open.js';
import { waitUntilServing } from './shared/wait-until-serving.js';
import { readFeedFile, UPSTREAM_REPOSITORY, writeFeedFile } from './release-feed/feed-data.js';
import type { FeedFailure, FeedFile, FeedRelease, ImagePin } from './release-feed/feed-data.js';

export type { FeedFailure, FeedFile, FeedRelease } from './release-feed/feed-data.js';

export const RELEASE_FEED_PORT = 8470;
/** The same feed over HTTPS (world CA), for clients that insist on https like api.github.com. */
export const RELEASE_FEED_TLS_PORT = 8471;
const FEED_DAEMON = 'release-feed';
export const DEFAULT_LATEST = 'v1.1.0';

/** When each stand-in release "came out" (fixed, so "newest first" is stable). */
const PUBLISHED_AT: Record<string, string> = {
  'v1.0.0': '2026-01-15T10:00:00Z',
  'v1.1.0': '2026-03-02T10:00:00Z',
  'v1.2.0-broken': '2026-05-20T10:00:00Z',
};

const NOTES: Record<string, string> = {
  'v1.2.0-broken': 'Stand-in release whose services never become healthy: an update to it must roll back.',
};

export interface ReleaseFeedState extends Record<string, unknown> {
  /** For host-side tests (the app's feed URL in tests). */
  baseUrl: string;
  /** For VPS containers (the agent's feed URL); null only in loopback-only development mode. */
  gatewayBaseUrl: string | null;
  /** The same over HTTPS with a world-CA certificate (VPSes trust the world CA; host clients pass caPath). */
  httpsBaseUrl: string;
  httpsGatewayBaseUrl: string | null;
  caPath: string;
  /** GitHub-shaped: <base><path>, e.g. /repos/forwardemail/forwardemail.net/releases/latest */
  githubLatestPath: string;
  githubReleasesPath: string;
  /** Mailharbor-shaped feed: { latest: { version, images, publishedAt }, releases: [...] } */
  feedPath: string;
  /** POST { "tag": "v1.2.0-broken" } to <base>/admin/latest, or { "failure": "http-500" | null } to /admin/failure */
  admin: { latestPath: string; failurePath: string; token: string };
  feedFile: string;
  latest: string;
  tags: string[];
}

function feedPaths(ctx: WorldContext) {
  const dir = path.join(ctx.stateDir, 'release-feed');
  return { dir, feed: path.join(dir, 'feed.json'), token: path.join(dir, 'admin-token') };
}

/** Compose's name for each image, by the stand-in's key (forwardemail-<tag> for the app image). */
const COMPOSE_IMAGE: Record<string, string> = { redis: 'redis', mongo: 'mongo', nginx: 'nginx' };

function digestsFile(ctx: WorldContext): string {
  return path.join(feedPaths(ctx).dir, 'digests.json');
}

function readDigests(ctx: WorldContext): Record<string, string> | undefined {
  try {
    return JSON.parse(fs.readFileSync(digestsFile(ctx), 'utf8')) as Record<string, string>;
  } catch {
    return undefined;
  }
}

/** Every compose image of a release with its tag and digest, once the world knows the digests. */
function pinsFor(appKey: string, digests: Record<string, string> | undefined): Record<string, ImagePin> | undefined {
  if (!digests) return undefined;
  const pins: Record<string, ImagePin> = {};
  for (const spec of STANDIN_IMAGES) {
    const name = spec.key === appKey ? 'forwardemail' : COMPOSE_IMAGE[spec.key];
    const digest = digests[spec.key];
    if (!name) continue;
    if (!digest) return undefined;
    pins[name] = { tag: spec.tag, digest };
  }
  return pins;
}

/**
 * Called by `up` once the images are in the registry: the feed pins each release's images by the
 * digests the registry serves (kept beside the feed, so resetFeed pins them again).
 */
export function pinDigests(ctx: WorldContext, images: Record<string, { digest: string }>): void {
  const digests = Object.fromEntries(Object.entries(images).map(([key, image]) => [key, image.digest]));
  fs.writeFileSync(digestsFile(ctx), `${JSON.stringify(digests, null, 2)}\n`);
  const file = feedPaths(ctx).feed;
  const current = readFeedFile(file);
  writeFeedFile(file, {
    ...current,
    releases: current.releases.map((release) => {
      const pins = pinsFor(`forwardemail-${release.tag}`, digests);
      return pins ? { ...release, pins } : release;
    }),
  });
}

/** The releases as the world builds them: one per forwardemail stand-in tag, all images pinned. */
export function defaultFeed(ctx: WorldContext): FeedFile {
  const digests = readDigests(ctx);
  const registry = registryAddress(ctx);
  const sideImages = Object.fromEntries(
    STANDIN_IMAGES.filter((i) => i.repository !== FORWARDEMAIL_REPOSITORY).map((i) => [
      i.key,
      `${registry}/${i.repository}:${i.tag}`,
    ]),
  );
  const releases: FeedRelease[] = STANDIN_IMAGES.filter((i) => i.repository === FORWARDEMAIL_REPOSITORY).map((i) => ({
    tag: i.tag,
    publishedAt: PUBLISHED_AT[i.tag] ?? '2026-06-01T10:00:00Z',
    images: { forwardemail: `${registry}/${i.repository}:${i.tag}`, ...sideImages },
    notes: NOTES[i.tag] ?? `Stand-in release ${i.tag}.`,
    prerelease: false,
    migratesData: false,
    ...(pinsFor(i.key, digests) ? { pins: pinsFor(i.key, digests)! } : {}),
  }));
  return { repository: UPSTREAM_REPOSITORY, latest: DEFAULT_LATEST, failure: null, releases };
}

function ensureToken(file: string): string {
  if (!fs.existsSync(file)) fs.writeFileSync(file, `${crypto.randomBytes(24).toString('hex')}\n`, { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

export async function up(ctx: WorldContext): Promise<ReleaseFeedState> {
  const addrs = listenAddresses(ctx);
  const paths = feedPaths(ctx);
  fs.mkdirSync(paths.dir, { recursive: true });
  const token = ensureToken(paths.token);
  // a fresh feed server starts from the default feed; a running one keeps what tests switched
  if (ctx.daemonRunning(FEED_DAEMON) === undefined || !fs.existsSync(paths.feed))
    writeFeedFile(paths.feed, defaultFeed(ctx));

  const listen = addrs.gateway ? [addrs.loopback, addrs.gateway] : [addrs.loopback];
  const tls = await issueCert(ctx.stateDir, 'release-feed', ['localhost', 'releases.mailharbor.test'], listen);
  const daemon = await startTsxDaemon(
    ctx,
    FEED_DAEMON,
    pieceScript('release-feed/release-feed-server.ts'),
    [
      '--port',
      String(RELEASE_FEED_PORT),
      ...listen.flatMap((a) => ['--listen', a]),
      '--feed',
      paths.feed,
      '--token-file',
      paths.token,
      '--tls-port',
      String(RELEASE_FEED_TLS_PORT),
      '--tls-cert',
      tls.fullchainPath,
      '--tls-key',
      tls.keyPath,
    ],
    [pieceScript('release-feed/feed-data.ts'), pieceScript('shared/http-listeners.ts'), tls.fullchainPath, tls.keyPath],
  );
  if (daemon.started)
    ctx.log(
      `release feed started (pid ${daemon.pid}) on ${listen.map((a) => `${a}:${RELEASE_FEED_PORT}`).join(' and ')}`,
    );
  for (const address of listen) {
    for (const port of [RELEASE_FEED_PORT, RELEASE_FEED_TLS_PORT]) {
      await waitUntilServing(
        ctx,
        daemon,
        () => tcpPortOpen(address, port),
        `release feed on ${address}:${port}`,
        30_000,
      );
    }
  }

  const feed = readFeedFile(paths.feed);
  return {
    baseUrl: `http://${addrs.loopback}:${RELEASE_FEED_PORT}`,
    gatewayBaseUrl: addrs.gateway ? `http://${addrs.gateway}:${RELEASE_FEED_PORT}` : null,
    httpsBaseUrl: `https://${addrs.loopback}:${RELEASE_FEED_TLS_PORT}`,
    httpsGatewayBaseUrl: addrs.gateway ? `https://${addrs.gateway}:${RELEASE_FEED_TLS_PORT}` : null,
    caPath: tls.caPath,
    githubLatestPath: `/repos/${UPSTREAM_REPOSITORY}/releases/latest`,
    githubReleasesPath: `/repos/${UPSTREAM_REPOSITORY}/releases`,
    feedPath: '/feed.json',
    admin: { latestPath: '/admin/latest', failurePath: '/admin/failure', token },
    feedFile: paths.feed,
    latest: feed.latest,
    tags: feed.releases.map((r) => r.tag),
  };
}

export async function down(ctx: WorldContext): Promise<void> {
  await stopTsxDaemon(ctx, FEED_DAEMON);
  fs.rmSync(feedPaths(ctx).dir, { recursive: true, force: true });
}

export async function status(ctx: WorldContext): Promise<string> {
  const pid = ctx.daemonRunning(FEED_DAEMON);
  if (pid === undefined) return 'release-feed: not running';
  let latest = '?';
  try {
    const feed = readFeedFile(feedPaths(ctx).feed);
    latest = feed.failure ? `${feed.latest} (playing failure ${feed.failure})` : feed.latest;
  } catch {
    /* feed file gone */
  }
  return `release-feed: pid ${pid}, http(s)://127.0.0.1:${RELEASE_FEED_PORT}(${RELEASE_FEED_TLS_PORT}) and http(s)://${ctx.gateway}:${RELEASE_FEED_PORT}(${RELEASE_FEED_TLS_PORT}), latest ${latest}`;
}

/** Changes the feed's releases (a test's wrong digest, a release that migrates data); latest stays. */
export function editReleases(ctx: WorldContext, edit: (releases: FeedRelease[]) => FeedRelease[]): void {
  const file = feedPaths(ctx).feed;
  const feed = readFeedFile(file);
  writeFeedFile(file, { ...feed, releases: edit(feed.releases) });
}

/** Switches the latest release (host-side tests; the server re-reads the file on every request). */
export function setLatestRelease(ctx: WorldContext, tag: string): void {
  const file = feedPaths(ctx).feed;
  writeFeedFile(file, { ...readFeedFile(file), latest: tag });
}

/** Makes the feed answer with a failure (500, malformed JSON, 10 s stall) until set back to null. */
export function setFeedFailure(ctx: WorldContext, failure: FeedFailure): void {
  const file = feedPaths(ctx).feed;
  writeFeedFile(file, { ...readFeedFile(file), failure });
}

/** Back to the default feed: v1.1.0 latest, no failure. */
export function resetFeed(ctx: WorldContext): void {
  writeFeedFile(feedPaths(ctx).feed, defaultFeed(ctx));
}
