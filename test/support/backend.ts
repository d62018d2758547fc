import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventHub } from '../../electron/rpc/event-hub.js';
import type { Handlers } from '../../electron/rpc/dispatch.js';
import { createHandlers, type Environment } from '../../electron/services/handlers.js';
import { testEnvironment } from './test-environment.js';
import { startWebServer, type RunningWebServer } from '../../electron/web/web-server.js';
import { openTestClient, type TestRpcClient } from './ws-test-client.js';

/** The renderer `npm run build` writes into dist/: the page the backend serves to the tests that open it. */
export const BUILT_RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/renderer');

export interface TestBackend {
  handlers: Handlers;
  hub: EventHub;
  dataDir: string;
  server: RunningWebServer;
  stop: () => Promise<void>;
}

/** The real main-process services and web server, with data in a throw-away folder. */
export async function startTestBackend(
  rendererDir: string,
  overrides: Partial<Environment> = {},
): Promise<TestBackend> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mailharbor-test-'));
  const hub = new EventHub();
  const handlers = createHandlers(testEnvironment(dataDir, overrides), hub);
  const server = await startWebServer({ handlers, hub, rendererDir });
  return {
    handlers,
    hub,
    dataDir,
    server,
    stop: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The built app's backend with one window signed in to it, as the integration tests drive it. */
export async function startBackendWithClient(
  overrides: Partial<Environment> = {},
): Promise<{ backend: TestBackend; client: TestRpcClient }> {
  const backend = await startTestBackend(BUILT_RENDERER_DIR, overrides);
  return { backend, client: await openTestClient(backend.server) };
}
