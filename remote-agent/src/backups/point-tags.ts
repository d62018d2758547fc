/**
 * How a restore point is written into restic: every snapshot of it carries these tags, and all of
 * them one host name per mail domain, so a server rebuilt elsewhere (another machine name)
 * continues the same history and its retention.
 */
export const RESTIC_HOST_PREFIX = 'mailharbor-';
export const POINT_TAG = 'mailharbor';

export function pointTags(point: { pointId: string; stackVersion: string | undefined; domain: string }): string[] {
  const tags = [POINT_TAG, `point:${point.pointId}`, `domain:${point.domain}`];
  if (point.stackVersion) tags.push(`stack:${point.stackVersion}`);
  return tags;
}

/** The value of `name:` among a snapshot's tags. */
export function tagValue(tags: readonly string[] | undefined, name: string): string | undefined {
  const prefix = `${name}:`;
  return tags?.find((tag) => tag.startsWith(prefix))?.slice(prefix.length);
}
