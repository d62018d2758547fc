// Benchmark of `test/world/up`: cold, warm after `down`, and warm when already up.
//   node_modules/.bin/tsx bench/world-up.ts
// cold  = `down --purge`, debian:bookworm removed, state dir emptied EXCEPT the debootstrap tarball, logs and pid files
//         (<stateDir>/cache): base image import, every image build and push, CA, keys, pieces, VPS.
//         The host dockerd is left running (its start is not what this measures).
// after-down = `down` then `up`: cached images and registry data, fresh daemons and a fresh VPS.
// idempotent = `up` on a world that is already up.
// Each `up` runs the real shim (a new tsx process), so times include process start.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { worldStateDir } from '../test/world/context.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shim = (name: string) => path.join(root, 'test', 'world', name);

function timedRun(cmd: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], timeout: 30 * 60_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
  return (performance.now() - t0) / 1000;
}

function makeCold(): void {
  timedRun(shim('down'), ['--purge', '--keep-engine']);
  const rmi = spawnSync('docker', ['rmi', 'debian:bookworm'], { stdio: 'inherit', timeout: 120_000 });
  if (rmi.status !== 0) throw new Error('could not remove debian:bookworm: the cold start would not be cold');
  const stateDir = worldStateDir();
  for (const entry of fs.existsSync(stateDir) ? fs.readdirSync(stateDir) : []) {
    if (entry !== 'cache' && entry !== 'run' && entry !== 'logs')
      fs.rmSync(path.join(stateDir, entry), { recursive: true, force: true });
  }
}

makeCold();
const cold = timedRun(shim('up'), []);
timedRun(shim('down'), ['--keep-engine']);
const afterDown = timedRun(shim('up'), []);
const idempotent = timedRun(shim('up'), []);
const fmt = (s: number) => `${s.toFixed(1)} s`;
console.log('\nworld up benchmark');
console.log(`  cold (only the debootstrap tarball kept): ${fmt(cold)}`);
console.log(`  warm after down (images cached):          ${fmt(afterDown)}`);
console.log(`  warm, already up:                         ${fmt(idempotent)}`);
console.log(
  `  ratio cold / warm-after-down: ${(cold / afterDown).toFixed(1)}x, cold / already-up: ${(cold / idempotent).toFixed(1)}x`,
);
