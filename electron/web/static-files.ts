import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * Finds a file of the built renderer for a URL path. Paths that escape the folder are refused;
 * unknown paths fall back to index.html so the single-page app handles its own routes.
 */
export async function resolveStaticFile(rootDir: string, urlPath: string): Promise<StaticFile | undefined> {
  const root = path.resolve(rootDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const candidate = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return undefined;
  const file = (await isFile(candidate)) ? candidate : path.join(root, 'index.html');
  if (!(await isFile(file))) return undefined;
  return {
    body: await readFile(file),
    contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
  };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
