import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** Writes bench/results/<name>.json: when it was measured, then `results`. Returns the file's path. */
export function writeResults(name: string, results: Record<string, unknown>): string {
  const out = path.join(RESULTS_DIR, `${name}.json`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2)}\n`);
  return out;
}
