import { AppError } from '../../../common/errors/app-error.js';
import { ReleaseFeedSchema, type FeedRelease, type ReleaseFeed } from '../../../common/updates/release-feed.js';
import { fetchFeedJson } from '../stack/release-feed.js';

/**
 * The release feed, read and checked: a feed that does not parse is refused as a whole, naming the
 * first field that is wrong, before anything on the server changes.
 */
export async function readFeed(feedUrl: string, signal?: AbortSignal): Promise<ReleaseFeed> {
  const json = await fetchFeedJson(feedUrl, signal ? { signal } : {});
  const parsed = ReleaseFeedSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'the answer';
    throw new AppError('updates.feedInvalid', {
      params: { field },
      detail: `${field}: ${issue?.message ?? 'invalid'} (is MAILHARBOR_RELEASE_FEED Mailharbor's release feed?)`,
      retryable: true,
    });
  }
  return parsed.data;
}

export function findRelease(feed: ReleaseFeed, version: string): FeedRelease {
  const release = feed.releases.find((entry) => entry.version === version);
  if (!release) {
    throw new AppError('updates.releaseNotFound', {
      params: { version },
      detail: `the feed lists ${feed.releases.map((entry) => entry.version).join(', ') || 'no releases'}`,
    });
  }
  return release;
}
