// The world's release feed: answers "what is the latest stack release?" in GitHub's releases-API shape
// (for upstream's scripts and an agent pointed at api.github.com's paths) and in Mailharbor's feed shape.
// Re-reads the feed file on every request; POST /admin/latest (bearer token) switches the latest release.
//
// Run: tsx release-feed-server.ts --port N --listen ADDR [--listen ADDR] --feed FILE --token-file FILE
//      [--tls-port N --tls-cert FILE --tls-key FILE]
import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import { parseArgs } from 'node:util';
import { closeOnSignals, describeListeners, listenEverywhere } from '../shared/http-listeners.js';
import { LISTEN_OPTIONS, listenSpecOf } from '../shared/listen-args.js';
import { feedEntry, githubRelease, newestFirst, readFeedFile, writeFeedFile } from './feed-data.js';
import type { FeedFile } from './feed-data.js';

const MAX_ADMIN_BODY = 64 * 1024;

const { values } = parseArgs({
  options: {
    ...LISTEN_OPTIONS,
    feed: { type: 'string' },
    'token-file': { type: 'string' },
  },
  strict: true,
});
const spec = listenSpecOf(values);
const feedFile = values.feed;
const tokenFile = values['token-file'];
if (!spec || !feedFile || !tokenFile) {
  console.error('usage: release-feed-server.ts --port N --listen ADDR [--listen ADDR] --feed FILE --token-file FILE');
  process.exit(2);
}
const adminToken = Buffer.from(fs.readFileSync(tokenFile, 'utf8').trim());

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  // pretty-printed like api.github.com, one field per line: upstream parses it with grep and sed
  const text = `${JSON.stringify(body, null, 2)}\n`;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function notFound(res: http.ServerResponse): void {
  sendJson(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
}

/** Plays the configured failure; true when the request was answered that way. */
async function playFailure(feed: FeedFile, res: http.ServerResponse): Promise<boolean> {
  switch (feed.failure) {
    case 'http-500':
      sendJson(res, 500, { message: 'Server Error' });
      return true;
    case 'malformed-json':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"tag_name": "v1.');
      return true;
    case 'slow-10s':
      await new Promise((r) => setTimeout(r, 10_000));
      return false;
    default:
      return false;
  }
}

function authorized(req: http.IncomingMessage): boolean {
  const header = req.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7).trim() : '');
  return given.length === adminToken.length && crypto.timingSafeEqual(given, adminToken);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_ADMIN_BODY) req.destroy(new Error('body too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

async function handleAdmin(req: http.IncomingMessage, res: http.ServerResponse, route: string): Promise<void> {
  if (!authorized(req)) return sendJson(res, 401, { message: 'Bad credentials' });
  const feed = readFeedFile(feedFile!);
  let body: { tag?: unknown; failure?: unknown };
  try {
    body = JSON.parse(await readBody(req)) as typeof body;
  } catch {
    return sendJson(res, 400, { message: 'body must be JSON' });
  }
  if (route === '/admin/latest') {
    if (typeof body.tag !== 'string' || !feed.releases.some((r) => r.tag === body.tag)) {
      return sendJson(res, 400, { message: `unknown tag; known: ${feed.releases.map((r) => r.tag).join(', ')}` });
    }
    feed.latest = body.tag;
  } else {
    const allowed = ['http-500', 'malformed-json', 'slow-10s', null];
    if (!allowed.includes(body.failure as string | null))
      return sendJson(res, 400, { message: `failure must be one of ${allowed.join(', ')}` });
    feed.failure = body.failure as FeedFile['failure'];
  }
  writeFeedFile(feedFile!, feed);
  console.log(`admin: latest=${feed.latest} failure=${feed.failure}`);
  sendJson(res, 200, { latest: feed.latest, failure: feed.failure });
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://feed.invalid');
  const route = url.pathname.replace(/\/+$/, '') || '/';
  if (req.method === 'POST' && (route === '/admin/latest' || route === '/admin/failure'))
    return handleAdmin(req, res, route);
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { message: 'Method Not Allowed' });
  if (route === '/healthz') return sendJson(res, 200, { ok: true });

  const feed = readFeedFile(feedFile!);
  // links point back at whichever address the client used (loopback from the host, gateway from a VPS)
  const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const apiBase = `${scheme}://${req.headers.host ?? `${spec!.addresses[0]}:${spec!.port}`}`;
  const repoPrefix = `/repos/${feed.repository}/releases`;
  if (route !== '/feed.json' && !route.startsWith(repoPrefix)) return notFound(res);
  if (await playFailure(feed, res)) return;

  const latest = feed.releases.find((r) => r.tag === feed.latest);
  if (!latest) return sendJson(res, 500, { message: `feed file names latest ${feed.latest}, which is not a release` });
  if (route === '/feed.json') {
    return sendJson(res, 200, { latest: feedEntry(latest), releases: newestFirst(feed.releases).map(feedEntry) });
  }
  if (route === repoPrefix)
    return sendJson(
      res,
      200,
      newestFirst(feed.releases).map((r) => githubRelease(feed, r, apiBase)),
    );
  if (route === `${repoPrefix}/latest`) return sendJson(res, 200, githubRelease(feed, latest, apiBase));
  const byTag = route.startsWith(`${repoPrefix}/tags/`)
    ? decodeURIComponent(route.slice(`${repoPrefix}/tags/`.length))
    : undefined;
  const release = feed.releases.find((r) => r.tag === byTag);
  return release ? sendJson(res, 200, githubRelease(feed, release, apiBase)) : notFound(res);
}

const onRequest: http.RequestListener = (req, res) => {
  handle(req, res).catch((err: unknown) => {
    console.error(`${req.method} ${req.url}: ${(err as Error).message}`);
    if (!res.headersSent) sendJson(res, 500, { message: 'feed error' });
    else res.destroy();
  });
};
closeOnSignals(await listenEverywhere(onRequest, spec));
console.log(`release feed on ${describeListeners(spec)}, feed ${feedFile}`);
