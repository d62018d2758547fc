// Bundles the `mailharbor` command line into ONE ES module, dist/cli/mailharbor.mjs, that runs with
// plain Node (no node_modules, no tsx): bin/mailharbor.mjs, the package's "bin", loads it.
//
//   node build/bundle-cli.mjs [--outdir DIR]
import { build } from 'esbuild';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the bundle into `outDir`; returns its path and size. */
export async function bundleCli({ outDir = path.join(root, 'dist/cli') } = {}) {
  const outfile = path.join(outDir, 'mailharbor.mjs');
  await build({
    entryPoints: [path.join(root, 'electron/cli/cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    sourcemap: true,
    // like the agent: smaller, and stack traces keep their function names
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
    // dns-packet and its helpers are CommonJS and require() Node's modules: give the ES module a require
    banner: {
      js: "import { createRequire as __mhCreateRequire } from 'node:module';\nconst require = __mhCreateRequire(import.meta.url);",
    },
  });
  return { outfile, size: (await stat(outfile)).size };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const flag = process.argv.indexOf('--outdir');
  const outDir = flag === -1 ? undefined : path.resolve(process.argv[flag + 1] ?? '');
  const { outfile, size } = await bundleCli(outDir ? { outDir } : {});
  console.log(`${path.relative(process.cwd(), outfile)}: ${(size / 1024).toFixed(1)} KiB`);
}
