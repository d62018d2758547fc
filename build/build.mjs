// Builds everything `npm start` and `npm run web` run: the renderer with Vite, the Electron
// main process and preload, and the web-mode server with esbuild.
import { build as esbuild } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';
import { bundleAgent } from './bundle-agent.mjs';
import { bundleCli } from './bundle-cli.mjs';
import { bundleRuntime } from './bundle-runtime.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version, mailharbor } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
const define = {
  __MAILHARBOR_VERSION__: JSON.stringify(version),
  __MAILHARBOR_AGENT_NODE__: JSON.stringify(mailharbor.agentRuntimeNode),
};

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

// The agent that runs on the VPS, and the Node runtime it runs on for both server architectures
// (fetched from npm and compressed once; cached, so only the first build waits for it).
const agent = await bundleAgent();
for (const arch of ['x64', 'arm64']) bundleRuntime(arch);
// `npx mailharbor check dns ...` (bin/mailharbor.mjs runs this file).
await bundleCli();

console.log(
  `Built dist/renderer, dist/electron, dist/web, dist/agent (${(agent.size / 1024).toFixed(0)} KiB), dist/runtime and dist/cli.`,
);
