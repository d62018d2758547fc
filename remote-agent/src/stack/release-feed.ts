import { AppError } from '../../../common/errors/app-error.js';
import { RELEASE_TAG } from '../../../common/updates/release-feed.js';

/**
 * Reading the release feed: the latest release's tag for an install, and the feed's JSON for the
 * updates (remote-agent/src/updates/feed.ts parses it). Two shapes carry the latest tag: GitHub's
 * "latest release" answer ({ "tag_name": "v1.2.3", ... }, what upstream's setup.sh pins IMAGE_TAG
 * to) and Mailharbor's feed ({ "latest": { "version": "v1.2.3" }, "releases": [...] }).
 */

/** Docker's limit for a tag. */
const MAX_TAG_LENGTH = 128;
const TIMEOUT_MS = 15_000;
/** GitHub's answer lists the release's assets; a few hundred KiB at most. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface ReleaseFeedOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export function feedFailed(feedUrl: string, detail: string): AppError {
  const where = describeUrl(feedUrl);
  return new AppError('stack.releaseFeedFailed', {
    params: { url: where },
    detail: `${where}: ${detail}`,
    retryable: true,
  });
}

/** The feed's answer as JSON; a network failure, an HTTP error or a non-JSON answer is stack.releaseFeedFailed. */
export async function fetchFeedJson(feedUrl: string, options: ReleaseFeedOptions = {}): Promise<unknown> {
  const failed = (detail: string) => feedFailed(feedUrl, detail);
  const timeout = AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

  let body: string;
  try {
    const response = await fetch(feedUrl, {
      headers: { accept: 'application/vnd.github+json, application/json', 'user-agent': 'mailharbor-agent' },
      redirect: 'follow',
      signal,
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw failed(`HTTP ${response.status}`);
    }
    body = await readBounded(response, signal);
  } catch (error) {
    // A cancelled job stops here as cancelled, not as a feed failure to retry.
    options.signal?.throwIfAborted();
    if (error instanceof AppError) throw error;
    if (timeout.aborted) throw failed(`no answer within ${options.timeoutMs ?? TIMEOUT_MS} ms`);
    throw failed(error instanceof Error ? causeOf(error) : String(error));
  }
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw failed('the answer is not JSON');
  }
}

export async function resolveLatestReleaseTag(feedUrl: string, options: ReleaseFeedOptions = {}): Promise<string> {
  return tagFrom(await fetchFeedJson(feedUrl, options), (detail) => feedFailed(feedUrl, detail));
}

function tagFrom(parsed: unknown, failed: (detail: string) => AppError): string {
  const answer = parsed as { tag_name?: unknown; latest?: { version?: unknown } } | null;
  const tag = answer?.tag_name ?? answer?.latest?.version;
  if (typeof tag !== 'string') throw failed('the answer has no tag_name (nor latest.version)');
  if (tag.length > MAX_TAG_LENGTH || !RELEASE_TAG.test(tag)) {
    throw failed(`tag_name is not a release tag such as v1.2.3: ${JSON.stringify(tag.slice(0, 80))}`);
  }
  return tag;
}

async function readBounded(response: Response, signal: AbortSignal): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    signal.throwIfAborted();
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new Error(`the answer is larger than ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Origin and path only: a feed URL could carry a token in its query. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return 'the release feed';
  }
}

/** fetch reports "fetch failed" and keeps the useful part (ECONNREFUSED, certificate errors) in `cause`. */
function causeOf(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
