#!/usr/bin/env node
// `npx mailharbor ...` in this repository (package.json "bin"): runs the built command line,
// dist/cli/mailharbor.mjs (node build/bundle-cli.mjs). In a checkout where it is not built yet, the
// TypeScript source runs through tsx instead, when the dev dependencies are installed.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli/mailharbor.mjs', import.meta.url);
const source = new URL('../electron/cli/cli.ts', import.meta.url);

if (existsSync(fileURLToPath(built))) {
  await import(built.href);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    console.error('mailharbor: the command line is not built: run `node build/bundle-cli.mjs` (or `npm run build`)');
    process.exit(2);
  }
  register();
  await import(source.href);
}
