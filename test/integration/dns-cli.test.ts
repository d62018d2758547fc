// `mailharbor check dns` end to end against the world's knot (customer.test, read only): exit codes,
// the human report and --json, from source (tsx), from the built bundle, through bin/mailharbor.mjs and
// through `npx mailharbor` inside the repository (which must never ask the npm registry).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DnsCheckReport } from '../../common/dns/check-dns.js';
import { worldForTests } from '../world/world-inject.js';
import { pieceState } from '../world/pieces/shared/piece-state.js';
import type { DnsState } from '../world/pieces/dns.js';
import { REPO_ROOT } from '../world/pieces/shared/node-daemon.js';

const world = worldForTests();
const dns = pieceState<DnsState>(world, 'dns');
const knot = `${dns.loopback.host}:${dns.loopback.port}`;
const TSX = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
const CLI_SOURCE = path.join(REPO_ROOT, 'electron/cli/cli.ts');

const DKIM_KEY = (() => {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'test/world/fixtures/zones/customer.test.zone'), 'utf8');
  const line = text.split('\n').find((l) => l.startsWith('default._domainkey')) ?? '';
  return [...line.matchAll(/"([^"]*)"/g)]
    .map((m) => m[1])
    .join('')
    .replace(/^.*p=/, '');
})();

const right = [
  'check',
  'dns',
  '--domain',
  'customer.test',
  '--ipv4',
  '172.29.53.10',
  '--dkim-selector',
  'default',
  '--dkim-key',
  DKIM_KEY,
  '--nameserver',
  knot,
  '--resolver',
  knot,
  '--timeout',
  '3000',
];

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function runProgram(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: REPO_ROOT, timeout: 60_000, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const fromSource = (args: string[]) => runProgram(TSX, [CLI_SOURCE, ...args]);

describe('from source', () => {
  test('every required record correct: exit 0, one line per record', async () => {
    const ran = await fromSource(right);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^ {2}correct +MX +@ +10 mx\.customer\.test$/m);
    expect(ran.stdout).toMatch(/^ {2}correct +TXT +default\._domainkey /m);
    expect(ran.stdout.trim().split('\n').at(-1)).toBe('Every required record is correct.');
  });

  test('--json prints the report', async () => {
    const ran = await fromSource([...right, '--json']);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout) as DnsCheckReport;
    expect(report.domain).toBe('customer.test');
    expect(report.summary.allRequiredCorrect).toBe(true);
    expect(report.records.find((r) => r.id === 'dkim')?.state).toBe('correct');
    expect(report.ptr[0]).toMatchObject({ address: '172.29.53.10', state: 'correct' });
  });

  test('a wrong record: exit 1, found X, expected Y and the fix', async () => {
    const args = right.map((arg) => (arg === '172.29.53.10' ? '172.29.53.99' : arg));
    const ran = await fromSource(args);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toMatch(
      /^ {2}wrong +A +@ +found 172\.29\.53\.10, expected 172\.29\.53\.99: change A customer\.test$/m,
    );
    const json = JSON.parse((await fromSource([...args, '--json'])).stdout) as DnsCheckReport;
    expect(json.summary.allRequiredCorrect).toBe(false);
  });

  test('a usage error: exit 2 and the usage on stderr', async () => {
    const ran = await fromSource(['check', 'dns', '--domain', 'customer.test']);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(/--ipv4 is required/);
  });
});

describe('built', () => {
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-cli-bundle-'));
    const built = await runProgram(process.execPath, [path.join(REPO_ROOT, 'build/bundle-cli.mjs'), '--outdir', dir]);
    expect(built.code, built.stderr).toBe(0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the bundle runs on plain Node with the same result', async () => {
    const ran = await runProgram(process.execPath, [path.join(dir, 'mailharbor.mjs'), ...right, '--json']);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect((JSON.parse(ran.stdout) as DnsCheckReport).summary.allRequiredCorrect).toBe(true);
  });
});

describe('as the package bin', () => {
  test('node bin/mailharbor.mjs', async () => {
    const ran = await runProgram(process.execPath, [path.join(REPO_ROOT, 'bin/mailharbor.mjs'), ...right]);
    expect(ran.code).toBe(0);
    const wrong = right.map((arg) => (arg === '172.29.53.10' ? '172.29.53.99' : arg));
    expect((await runProgram(process.execPath, [path.join(REPO_ROOT, 'bin/mailharbor.mjs'), ...wrong])).code).toBe(1);
  });

  test("npx mailharbor resolves the repository's own bin, offline", async () => {
    // a registry that cannot answer: npx must not need it (and this Node first on PATH, as npx runs `node`)
    const ran = await runProgram('npx', ['--offline', 'mailharbor', ...right], {
      npm_config_registry: 'http://127.0.0.1:9/',
      PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    });
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/Every required record is correct\./);
  });
});
