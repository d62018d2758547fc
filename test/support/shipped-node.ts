// The Node runtime the app ships to servers (dist/runtime, made by `npm run build` from the npm
// package node-linux-<arch>), put into a world VPS for tests that run a piece of the agent there
// without deploying the whole agent. Never a Node binary of this machine: it may not exist elsewhere.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { machine, tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { runtimeArchFor } from '../../electron/agent/artifacts.js';
import { run } from '../world/run.js';
import { builtArtifacts } from './test-environment.js';

/** Copies the shipped runtime for this machine's architecture into `container` as `target`, checksum-verified. */
export async function installShippedNode(container: string, target = '/usr/local/bin/node'): Promise<void> {
  // A world VPS is a container on this machine: it has this machine's architecture.
  const arch = runtimeArchFor(machine());
  if (!arch) throw new Error(`no Node runtime is shipped for servers of architecture ${machine()}`);
  const { manifest, dir } = await builtArtifacts().runtime(arch);
  const work = mkdtempSync(path.join(tmpdir(), 'mh-node-'));
  try {
    const binary = path.join(work, 'node');
    await pipeline(
      createReadStream(path.join(dir, manifest.compressed.gz.file)),
      createGunzip(),
      createWriteStream(binary, { mode: 0o755 }),
    );
    const sha256 = createHash('sha256')
      .update(await readFile(binary))
      .digest('hex');
    if (sha256 !== manifest.binary.sha256) {
      throw new Error(
        `dist/runtime's Node ${manifest.version} for ${arch} does not match its manifest: run npm run build`,
      );
    }
    await run('docker', ['cp', binary, `${container}:${target}`], { timeoutMs: 120_000 });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
