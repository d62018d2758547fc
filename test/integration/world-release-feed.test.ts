// Smoke test of the world's release feed: GitHub-shaped answers that upstream's update scripts can parse,
// Mailharbor's feed shape, switching "latest" for update tests, and reachability from a VPS.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { createWorldContext } from '../world/context.js';
import { worldForTests } from '../world/world-inject.js';
import { pieceState } from '../world/pieces/shared/piece-state.js';
import { httpsGetText } from '../world/pieces/shared/https-get.js';
import { resetFeed, setFeedFailure, setLatestRelease } from '../world/pieces/release-feed.js';
import type { ReleaseFeedState } from '../world/pieces/release-feed.js';

const run = promisify(execFile);

// The global setup's world, else world.json; throws when the world is not up, so this file fails, never skips.
const world = worldForTests();
const feed = pieceState<ReleaseFeedState>(world, 'release-feed');
const ctx = createWorldContext(world.stateDir, 'world-release-feed.test');

interface GithubRelease {
  tag_name: string;
  published_at: string;
  draft: boolean;
  prerelease: boolean;
}
interface FeedEntry {
  version: string;
  images: Record<string, string>;
  publishedAt: string;
}

async function getJson<T>(path: string, base = feed.baseUrl): Promise<T> {
  const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(5000) });
  expect(res.status, `GET ${path}`).toBe(200);
  return (await res.json()) as T;
}

/** What upstream's setup.sh/update.sh do with the answer: first line holding "tag_name", value cut out by sed. */
function tagTheUpstreamWay(body: string): string | undefined {
  const line = body.split('\n').find((l) => l.includes('"tag_name"'));
  return line ? /"tag_name": *"([^"]+)"/.exec(line)?.[1] : undefined;
}

/** token null: no Authorization header at all */
function admin(path: string, body: unknown, token: string | null = feed.admin.token) {
  return fetch(`${feed.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
}

afterAll(() => resetFeed(ctx));

describe('the release feed', () => {
  test('lists the stand-in tags the registry holds, v1.1.0 latest', () => {
    expect(feed.tags).toEqual(['v1.0.0', 'v1.1.0', 'v1.2.0-broken']);
    expect(feed.latest).toBe('v1.1.0');
    for (const tag of feed.tags) expect(world.images[`forwardemail-${tag}`]?.tag).toBe(tag);
  });

  test("GitHub shape: releases/latest parses with upstream's grep/sed, releases are newest first", async () => {
    const res = await fetch(`${feed.baseUrl}${feed.githubLatestPath}`);
    const body = await res.text();
    expect(tagTheUpstreamWay(body)).toBe('v1.1.0');
    const latest = JSON.parse(body) as GithubRelease;
    expect(latest).toMatchObject({ tag_name: 'v1.1.0', draft: false, prerelease: false });
    const all = await getJson<GithubRelease[]>(feed.githubReleasesPath);
    expect(all.map((r) => r.tag_name)).toEqual(['v1.2.0-broken', 'v1.1.0', 'v1.0.0']);
    const byTag = await getJson<GithubRelease>(`${feed.githubReleasesPath}/tags/v1.0.0`);
    expect(byTag.tag_name).toBe('v1.0.0');
    expect((await fetch(`${feed.baseUrl}${feed.githubReleasesPath}/tags/v9.9.9`)).status).toBe(404);
  });

  test('Mailharbor shape: latest with pinned images from the world registry', async () => {
    const body = await getJson<{ latest: FeedEntry; releases: FeedEntry[] }>(feed.feedPath);
    expect(body.latest.version).toBe('v1.1.0');
    expect(body.latest.images.forwardemail).toBe(world.images['forwardemail-v1.1.0']?.ref);
    for (const side of ['redis', 'mongo', 'nginx']) expect(body.latest.images[side]).toBe(world.images[side]?.ref);
    expect(body.releases.map((r) => r.version)).toEqual(['v1.2.0-broken', 'v1.1.0', 'v1.0.0']);
  });

  test('the admin endpoint switches latest with the token and refuses without it', async () => {
    expect((await admin(feed.admin.latestPath, { tag: 'v1.0.0' }, null)).status).toBe(401);
    expect((await admin(feed.admin.latestPath, { tag: 'v1.0.0' }, 'wrong-token')).status).toBe(401);
    expect((await admin(feed.admin.latestPath, { tag: 'v7.0.0' })).status).toBe(400);
    expect((await admin(feed.admin.latestPath, { tag: 'v1.2.0-broken' })).status).toBe(200);
    expect((await getJson<GithubRelease>(feed.githubLatestPath)).tag_name).toBe('v1.2.0-broken');
    expect((await getJson<{ latest: FeedEntry }>(feed.feedPath)).latest.version).toBe('v1.2.0-broken');
  });

  test('setLatestRelease and setFeedFailure apply on the next request', async () => {
    setLatestRelease(ctx, 'v1.0.0');
    expect((await getJson<GithubRelease>(feed.githubLatestPath)).tag_name).toBe('v1.0.0');
    setFeedFailure(ctx, 'http-500');
    expect((await fetch(`${feed.baseUrl}${feed.githubLatestPath}`)).status).toBe(500);
    setFeedFailure(ctx, 'malformed-json');
    await expect((await fetch(`${feed.baseUrl}${feed.feedPath}`)).json()).rejects.toThrow();
    resetFeed(ctx);
    expect((await getJson<GithubRelease>(feed.githubLatestPath)).tag_name).toBe('v1.1.0');
  });

  test('the feed answers over HTTPS with a world-CA certificate', async () => {
    const res = await httpsGetText(`${feed.httpsBaseUrl}${feed.githubLatestPath}`, feed.caPath);
    expect(res.status).toBe(200);
    const release = JSON.parse(res.body) as GithubRelease & { url: string };
    expect(release.tag_name).toBe('v1.1.0');
    expect(release.url.startsWith(`${feed.httpsBaseUrl}/`)).toBe(true);
  });

  test.each(['http', 'https'] as const)('a VPS reaches the feed on the gateway address over %s', async (scheme) => {
    const vps = world.vps.vps1;
    const base = scheme === 'http' ? feed.gatewayBaseUrl : feed.httpsGatewayBaseUrl;
    if (!vps || !base) throw new Error('world has no vps1 or no gateway feed address');
    const { stdout } = await run(
      'docker',
      ['exec', vps.container, 'curl', '-fsS', '--max-time', '5', `${base}${feed.githubLatestPath}`],
      {
        timeout: 20_000,
      },
    );
    expect(tagTheUpstreamWay(stdout)).toBe('v1.1.0');
  });
});
