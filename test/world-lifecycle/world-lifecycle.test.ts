import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { worldStateDir } from '../world/context.js';
import { WORLD_LABEL } from '../world/docker-labels.js';
import { worldDown } from '../world/world-down.js';
import { worldUp } from '../world/world-up.js';

const execFileAsync = promisify(execFile);

/** Pids of the daemons the world started, from its pid files. */
function worldPids(): number[] {
  const runDir = path.join(worldStateDir(), 'run');
  let files: string[] = [];
  try {
    files = readdirSync(runDir).filter((name) => name.endsWith('.pid'));
  } catch {
    return [];
  }
  return files.map((name) => Number(readFileSync(path.join(runDir, name), 'utf8').trim())).filter((pid) => pid > 1);
}

/** Alive and not a zombie waiting to be reaped by this machine's slow PID 1. */
function isRunning(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

async function dockerList(kind: 'ps' | 'volume' | 'network'): Promise<string[]> {
  const args = kind === 'ps' ? ['ps', '-aq'] : [kind, 'ls', '-q'];
  const { stdout } = await execFileAsync('docker', [...args, '--filter', `label=${WORLD_LABEL}`]);
  return stdout.split('\n').filter(Boolean);
}

// Runs last (test/run.mjs): it takes the world down.
describe('the test world lifecycle', () => {
  it('up twice in a row is safe, and down leaves no container, volume, network or process behind', async () => {
    const first = await worldUp({ requireAllPieces: true });
    const second = await worldUp({ requireAllPieces: true });
    expect(second.world.vps.vps1!.sshPort).toBe(first.world.vps.vps1!.sshPort);
    expect(second.world.vps.vps1!.hostKey.fingerprint).toBe(first.world.vps.vps1!.hostKey.fingerprint);

    const pids = worldPids();
    expect(pids.length).toBeGreaterThan(3);
    expect(pids.filter(isRunning)).toEqual(pids);
    expect(await dockerList('ps')).not.toEqual([]);

    // Keep the engine first so what is left can be asked; then the full down stops it too.
    await worldDown({ keepEngine: true });
    expect(await dockerList('ps')).toEqual([]);
    expect(await dockerList('volume')).toEqual([]);
    expect(await dockerList('network')).toEqual([]);
    await worldDown();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(pids.filter(isRunning)).toEqual([]);
  });
});
