import { protocol } from 'electron';
import { resolveStaticFile } from '../web/static-files.js';
import { SECURITY_HEADERS } from '../security/content-security-policy.js';
import { APP_HOST, APP_SCHEME } from '../security/navigation-policy.js';

/** Must run before the app is ready: the renderer's origin behaves like a secure https origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from app://mailharbor/ with the strict CSP on every response. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const file = await resolveStaticFile(rendererDir, url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType },
    });
  });
}
