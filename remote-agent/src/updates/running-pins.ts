import {
  PINNED_IMAGES,
  type ImagePin,
  type PinnedImage,
  type ReleasePins,
} from '../../../common/updates/release-feed.js';

/**
 * The .env keys that say which image of each kind runs: upstream's tag keys (IMAGE_TAG, which its
 * own scripts change, and our NGINX/MONGO/REDIS_VERSION), and a digest key per image that compose
 * appends to the reference (`…:${IMAGE_TAG}${IMAGE_DIGEST}`, the value "@sha256:…", empty when not
 * pinned), so an install without digests keeps working unchanged.
 */
export const PIN_KEYS: Record<PinnedImage, { tag: string; digest: string }> = {
  forwardemail: { tag: 'IMAGE_TAG', digest: 'IMAGE_DIGEST' },
  nginx: { tag: 'NGINX_VERSION', digest: 'NGINX_DIGEST' },
  redis: { tag: 'REDIS_VERSION', digest: 'REDIS_DIGEST' },
  mongo: { tag: 'MONGO_VERSION', digest: 'MONGO_DIGEST' },
};

/** The .env values that make compose run exactly these images. */
export function envValuesFor(pins: ReleasePins): Map<string, string> {
  const values = new Map<string, string>();
  for (const image of PINNED_IMAGES) {
    values.set(PIN_KEYS[image].tag, pins[image].tag);
    values.set(PIN_KEYS[image].digest, `@${pins[image].digest}`);
  }
  return values;
}

/** What the .env pins now: each image's tag, and its digest when it has one. */
export function pinsOf(get: (key: string) => string | undefined): Record<PinnedImage, Partial<ImagePin>> {
  const out = {} as Record<PinnedImage, Partial<ImagePin>>;
  for (const image of PINNED_IMAGES) {
    const tag = get(PIN_KEYS[image].tag) || undefined;
    const digest = /^@(sha256:[0-9a-f]{64})$/.exec(get(PIN_KEYS[image].digest) ?? '')?.[1];
    out[image] = { ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
  }
  return out;
}

export function allPinned(pins: Record<PinnedImage, Partial<ImagePin>>): boolean {
  return PINNED_IMAGES.every((image) => pins[image].digest !== undefined);
}
