import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventHub } from '../../electron/rpc/event-hub.js';
import type { Handlers } from '../../electron/rpc/dispatch.js';
import { createHandlers, type Environment } from '../../electron/services/handlers.js';
import { testEnvironment } from './test-environment.js';
import { startWebServer, type RunningWebServer } from '../../electron/web/web-server.js';

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
