// What the release feed knows: the stand-in stack's releases (the tags the world registry holds) and which
// one is "latest". Kept as a JSON file that the feed server re-reads on every request, so a test switches
// the latest release by rewriting it (setLatestRelease) or through the server's admin endpoint.
//
// Two views of the same data are served:
// - GitHub's releases API, the shape upstream's setup.sh and scripts/update.sh read:
//   GET /repos/forwardemail/forwardemail.net/releases/latest -> { "tag_name": "v1.1.0", ... }, pretty-printed
//   so that their line-based `grep '"tag_name"' | sed` parsing works as it does against api.github.com;
// - Mailharbor's own feed: GET /feed.json -> { "latest": { version, ... }, "releases": [...] }, each release with
//   its notes, whether it migrates data, and `pins`: every compose image's tag and @sha256 digest.
import fs from 'node:fs';

export const UPSTREAM_REPOSITORY = 'forwardemail/forwardemail.net';

export interface FeedRelease {
  tag: string;
  publishedAt: string;
  /** Image references a VPS pulls for this release, by compose image (forwardemail, redis, mongo, nginx). */
  images: Record<string, string>;
  notes: string;
  prerelease: boolean;
  /** Whether the release changes stored data so that its images alone cannot be rolled back. */
  migratesData: boolean;
  /**
   * What Mailharbor's feed pins for each compose image: the tag and the registry's manifest digest.
   * Absent until the world has pushed the images (the digests are only known then).
   */
  pins?: Record<string, ImagePin>;
}

export interface ImagePin {
  tag: string;
  digest: string;
}

/** A failure the feed plays instead of answering, for update-check error tests. */
export type FeedFailure = 'http-500' | 'malformed-json' | 'slow-10s' | null;

export interface FeedFile {
  repository: string;
  /** Tag of the release served as latest. */
  latest: string;
  failure: FeedFailure;
  releases: FeedRelease[];
}

export function readFeedFile(file: string): FeedFile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as FeedFile;
}

export function writeFeedFile(file: string, feed: FeedFile): void {
  if (!feed.releases.some((r) => r.tag === feed.latest)) {
    throw new Error(
      `latest "${feed.latest}" is not one of the releases (${feed.releases.map((r) => r.tag).join(', ')})`,
    );
  }
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(feed, null, 2)}\n`);
  fs.renameSync(tmp, file); // readers never see half a file
}

/** Stable numeric id per tag (GitHub releases have numeric ids). */
function releaseId(tag: string): number {
  let hash = 0;
  for (const ch of tag) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return 100_000_000 + (hash % 100_000_000);
}

/** One release as GitHub's REST API returns it (the fields update checks read). */
export function githubRelease(feed: FeedFile, release: FeedRelease, apiBase: string) {
  const id = releaseId(release.tag);
  return {
    url: `${apiBase}/repos/${feed.repository}/releases/${id}`,
    html_url: `https://github.com/${feed.repository}/releases/tag/${release.tag}`,
    id,
    tag_name: release.tag,
    target_commitish: 'master',
    name: release.tag,
    draft: false,
    prerelease: release.prerelease,
    created_at: release.publishedAt,
    published_at: release.publishedAt,
    assets: [],
    tarball_url: `${apiBase}/repos/${feed.repository}/tarball/${release.tag}`,
    zipball_url: `${apiBase}/repos/${feed.repository}/zipball/${release.tag}`,
    body: release.notes,
  };
}

/** Mailharbor's feed entry for one release. */
export function feedEntry(release: FeedRelease) {
  return {
    version: release.tag,
    images: release.images,
    publishedAt: release.publishedAt,
    notes: release.notes,
    prerelease: release.prerelease,
    migratesData: release.migratesData,
    ...(release.pins ? { pins: release.pins } : {}),
  };
}

/** Releases newest first, as GitHub lists them. */
export function newestFirst(releases: readonly FeedRelease[]): FeedRelease[] {
  return [...releases].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
}
