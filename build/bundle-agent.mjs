// Bundles the remote agent into ONE CommonJS file, dist/agent/agent.cjs, that runs on the VPS
// with nothing but the Node binary next to it (no node_modules, no externals but Node's own
// modules), and writes its sha256 beside it so the deployer can tell whether it must upload.
//
//   node build/bundle-agent.mjs [--outdir DIR]
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * `import text from './file?raw'` (Vite's convention, so vitest reads the same imports): the file's
 * text, bundled in. The mail-stack files travel inside the agent this way.
 */
export const rawText = {
  name: 'raw-text',
  setup(esbuild) {
    esbuild.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: path.resolve(args.resolveDir, args.path.replace(/\?raw$/, '')),
      namespace: 'raw-text',
    }));
    esbuild.onLoad({ filter: /.*/, namespace: 'raw-text' }, async (args) => ({
      contents: await readFile(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

/**
 * zod re-exports every one of its ~50 message locales from its main module, so a bundle of it
 * carries them all (295 KiB, and the heap their module bodies build), while the agent words its
 * own errors. Only English, the one zod itself configures, stays reachable.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`)
        ? { path: path.resolve(args.resolveDir, '../locales/en.js'), namespace: 'zod-english-only' }
        : undefined,
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  // Smaller upload, readable stack traces: whitespace and syntax minified, names kept.
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [rawText, zodEnglishOnly],
};

async function sha256Of(file) {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/**
 * Builds the bundle into `outDir`; returns its path, size and sha256. The S3 client of the backup
 * connection test is a file of its own beside it (s3-probe.cjs), loaded only when a test runs and
 * checked against the sha256 built into the agent.
 */
export async function bundleAgent({ outDir = path.join(root, 'dist/agent') } = {}) {
  const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  const probe = path.join(outDir, 's3-probe.cjs');
  await build({ ...nodeBundle, entryPoints: [path.join(root, 'remote-agent/src/s3-probe-entry.ts')], outfile: probe });
  const probeSha256 = await sha256Of(probe);
  await writeFile(`${probe}.sha256`, `${probeSha256}  s3-probe.cjs\n`);
  const outfile = path.join(outDir, 'agent.cjs');
  await build({
    ...nodeBundle,
    entryPoints: [path.join(root, 'remote-agent/src/main.ts')],
    outfile,
    define: {
      __MAILHARBOR_AGENT_VERSION__: JSON.stringify(version),
      __MAILHARBOR_S3_PROBE_SHA256__: JSON.stringify(probeSha256),
    },
  });
  const bytes = await readFile(outfile);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await writeFile(`${outfile}.sha256`, `${sha256}  agent.cjs\n`);
  return { outfile, size: bytes.length, sha256, probe: { file: probe, sha256: probeSha256 } };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const flag = process.argv.indexOf('--outdir');
  const outDir = flag === -1 ? undefined : path.resolve(process.argv[flag + 1] ?? '');
  const { outfile, size, sha256 } = await bundleAgent(outDir ? { outDir } : {});
  console.log(`${path.relative(process.cwd(), outfile)}: ${(size / 1024).toFixed(1)} KiB, sha256 ${sha256}`);
}
