import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { machineLocalPathsIn, machineLocalPathsInTests } from '../support/machine-local-paths.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('tests and benchmarks name no file of one machine', () => {
  it('finds none in test/ and bench/', () => {
    const found = machineLocalPathsInTests(root, [
      'test/support/machine-local-paths.ts',
      'test/unit/machine-local-paths.test.ts',
    ]);
    expect(found.map((entry) => `${entry.file}:${entry.line} ${entry.path}`)).toEqual([]);
  });

  it('would find the Node binary that once made three suites pass on one machine only', () => {
    const found = machineLocalPathsIn('example.test.ts', "const NODE_BINARY = '/opt/node22/package/bin/node';");
    expect(found).toEqual([{ file: 'example.test.ts', line: 1, path: '/opt/node22/package/bin/node' }]);
    expect(machineLocalPathsIn('a.ts', 'expect(out).toMatch(/\\/opt\\/node22\\/bin/)')).toHaveLength(1);
    expect(machineLocalPathsIn('a.sh', 'PATH="/var/cache/mailharbor/node22/package/bin:$PATH"')).toHaveLength(1);
    expect(machineLocalPathsIn('a.ts', "readFileSync('/root/.cache/mailharbor/runtime/manifest.json')")).toHaveLength(
      1,
    );
  });

  it('lets through paths inside a VPS, the world state, /tmp and URLs', () => {
    const text = [
      "consoleRun(vps, ['rm', '-rf', '/opt/mailharbor', '/var/lib/mailharbor']);",
      "const dir = '/var/tmp/mailharbor-world';",
      "mkdtempSync('/tmp/mh-')",
      "fetch('https://example.test/opt/thing')",
      "path.join(root, 'dist/opt/x')",
    ].join('\n');
    expect(machineLocalPathsIn('b.ts', text)).toEqual([]);
  });
});
