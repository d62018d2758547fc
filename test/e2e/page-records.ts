// What a test keeps of the page it drives: the calls the page sends, and screenshots for the report.
import path from 'node:path';
import type { BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterEach } from 'vitest';
import { screenshots } from './browser.js';

/**
 * Sends the page's sockets to the backend through this test: the name of every call the page sends is
 * added to `sentCalls`, and `onSocket` is given both ends of each socket (to drop one on purpose).
 */
export async function recordSentCalls(
  context: BrowserContext,
  sentCalls: string[],
  onSocket?: (ends: { page: WebSocketRoute; server: WebSocketRoute }) => void,
): Promise<void> {
  await context.routeWebSocket(/\/rpc$/, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => {
      const parsed = JSON.parse(String(message)) as { type?: string; name?: string };
      if (parsed.type === 'call' && parsed.name) sentCalls.push(parsed.name);
      server.send(message);
    });
    onSocket?.({ page: socket, server });
  });
}

/** The whole page in screenshots/<name>.png: the window is made as tall as the content (which scrolls inside the frame) for it. */
export async function fullPageShot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  const height = await page.evaluate(() => document.getElementById('content')?.scrollHeight ?? 0);
  if (size && height > size.height) await page.setViewportSize({ width: size.width, height });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}

/** What the page showed when a test (of this file or describe) failed, for the report: `shot` named after the test. */
export function shotWhenFailed(shot: (name: string) => Promise<unknown>, prefix = 'failed-', nameLength = 24): void {
  afterEach(async (test) => {
    if (test.task.result?.state === 'fail')
      await shot(`${prefix}${test.task.name.slice(0, nameLength).replace(/\W+/g, '-')}`);
  });
}
