// The `mailharbor` command line (package.json "bin" -> bin/mailharbor.mjs -> the bundle of this file).
// Run from source: node_modules/.bin/tsx electron/cli/cli.ts check dns --domain ... --ipv4 ...
import { runCli } from './run-cli.js';

try {
  process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
} catch (error) {
  console.error(`mailharbor: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 3;
}
