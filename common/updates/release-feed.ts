import { z } from 'zod';

/**
 * Mailharbor's release feed: each release of the mail stack with its notes and, for every image
 * compose runs, the tag and the registry's manifest digest. An update pulls by digest, so what runs
 * is byte for byte what the release names, and a rollback goes back to the previous digests of all
 * four images together (upstream's update script rolls back the app image only and lets mongo,
 * redis and nginx float).
 *
 * GitHub's "latest release" answer (what upstream's scripts read) names a tag and nothing else: an
 * install can start from it, an update cannot.
 */

/** A release tag as GitHub and the image registry carry it; nothing else reaches .env or an image name. */
export const RELEASE_TAG = /^v?\d+\.\d+\.\d+[\w.-]*$/;
const MAX_TAG_LENGTH = 128;

export const ReleaseTagSchema = z
  .string()
  .max(MAX_TAG_LENGTH, 'a release tag is at most 128 characters')
  .regex(RELEASE_TAG, 'expected a release tag such as v1.2.3');

/** An image tag (docker's grammar), such as 1.22.1 or 7.0-jammy. */
export const ImageTagSchema = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'expected an image tag such as 1.22.1')
  .refine((tag) => tag !== 'latest', 'a release pins a version, never "latest"');

export const ImageDigestSchema = z
  .string()
  .regex(/^sha256:[0-9a-f]{64}$/, 'expected an image digest: sha256: and 64 hexadecimal digits');

export const ImagePinSchema = z.object({ tag: ImageTagSchema, digest: ImageDigestSchema });
export type ImagePin = z.infer<typeof ImagePinSchema>;

/** The four images of the compose file, as its .env names their versions. */
export const PINNED_IMAGES = ['forwardemail', 'nginx', 'redis', 'mongo'] as const;
export type PinnedImage = (typeof PINNED_IMAGES)[number];

export const ReleasePinsSchema = z.object({
  forwardemail: ImagePinSchema,
  nginx: ImagePinSchema,
  redis: ImagePinSchema,
  mongo: ImagePinSchema,
});
export type ReleasePins = z.infer<typeof ReleasePinsSchema>;

const MAX_NOTES = 20_000;

export const FeedReleaseSchema = z
  .object({
    version: ReleaseTagSchema,
    publishedAt: z.iso.datetime({ offset: true }),
    notes: z.string().max(MAX_NOTES).default(''),
    prerelease: z.boolean().default(false),
    /** The release changes stored data (a schema migration): its images alone cannot be rolled back. */
    migratesData: z.boolean().default(false),
    /** Absent: the release cannot be updated to (nothing to verify what is pulled against). */
    pins: ReleasePinsSchema.optional(),
  })
  .refine((release) => !release.pins || release.pins.forwardemail.tag === release.version, {
    // IMAGE_TAG is what says which version runs: the app image's tag is the release's version.
    message: "the app image's tag must be the release's version",
    path: ['pins', 'forwardemail', 'tag'],
  });
export type FeedRelease = z.infer<typeof FeedReleaseSchema>;

export const ReleaseFeedSchema = z.object({
  latest: z.object({ version: ReleaseTagSchema }),
  releases: z.array(FeedReleaseSchema).max(500),
});
export type ReleaseFeed = z.infer<typeof ReleaseFeedSchema>;

/**
 * Compares two release tags as versions (v1.10.0 after v1.9.0); a suffix (-rc1, -broken) sorts
 * before the plain version, as semver's pre-releases do.
 */
export function compareReleaseTags(a: string, b: string): number {
  const parse = (tag: string) => {
    const match = /^v?(\d+)\.(\d+)\.(\d+)(.*)$/.exec(tag);
    return match
      ? { nums: [match[1], match[2], match[3]].map(Number), rest: match[4] ?? '' }
      : { nums: [0, 0, 0], rest: tag };
  };
  const left = parse(a);
  const right = parse(b);
  for (let index = 0; index < 3; index++) {
    const diff = left.nums[index]! - right.nums[index]!;
    if (diff !== 0) return Math.sign(diff);
  }
  if (left.rest === right.rest) return 0;
  if (!left.rest) return 1;
  if (!right.rest) return -1;
  return left.rest < right.rest ? -1 : 1;
}
