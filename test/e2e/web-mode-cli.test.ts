import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
let child: ChildProcess | undefined;
let dataDir: string | undefined;

afterAll(async () => {
  child?.kill('SIGTERM');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** What `npm run web` runs after building: the bundled server, as a user starts it. */
describe('npm run web', () => {
  it('prints a token link, serves the app with it, and refuses requests without it', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'mailharbor-web-'));
    const server = spawn(process.execPath, [path.join(root, 'dist/web/serve.mjs')], {
      env: { ...process.env, MAILHARBOR_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = server;
    let output = '';
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    for (let attempt = 0; attempt < 100 && !/token=/.test(output); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output)?.[1];
    expect(url, output).toBeDefined();
    const origin = new URL(url!).origin;

    expect((await fetch(`${origin}/`)).status).toBe(401);
    const withToken = await fetch(url!, { redirect: 'manual' });
    expect(withToken.status).toBe(303);
    const cookie = withToken.headers.get('set-cookie')!.split(';')[0]!;
    const page = await fetch(`${origin}/`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"></div>');

    server.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => server.once('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(0);
  });
});
