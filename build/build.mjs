// Builds everything `npm start` and `npm run web` run: the renderer with Vite, the Electron
// main process and preload, and the web-mode server with esbuild.
import { build as esbuild } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
const define = { __MAILHARBOR_VERSION__: JSON.stringify(version) };

await viteBuild({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });

const node = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, define, logLevel: 'warning' };

await Promise.all([
  // Main and preload are CommonJS: a sandboxed preload must be, and main follows for simplicity.
  esbuild({
    ...node,
    entryPoints: [path.join(root, 'electron/main/main.ts')],
    outfile: path.join(root, 'dist/electron/main.cjs'),
    format: 'cjs',
    external: ['electron'],
    packages: 'external',
  }),
  esbuild({
    ...node,
    entryPoints: [path.join(root, 'electron/preload/preload.ts')],
    outfile: path.join(root, 'dist/electron/preload.cjs'),
    format: 'cjs',
    // A sandboxed preload can require only 'electron': everything else is bundled in.
    external: ['electron'],
  }),
  esbuild({
    ...node,
    entryPoints: [path.join(root, 'electron/web/serve.ts')],
    outfile: path.join(root, 'dist/web/serve.mjs'),
    format: 'esm',
    packages: 'external',
  }),
]);

console.log('Built dist/renderer, dist/electron and dist/web.');
