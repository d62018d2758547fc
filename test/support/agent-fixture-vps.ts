// A piece of the agent run ON a world VPS of a test's own, without deploying the whole agent: a fixture
// entry (test/integration/fixtures/*-entry.ts) bundled with esbuild as build/bundle-agent.mjs bundles
// the agent, copied into a freshly reset VPS next to the Node runtime the product ships, and run there
// as root. The VPS is the test's alone, so what runs there may install packages and change the system.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { run } from '../world/run.js';
import { vpsAdmin, vpsRemove } from '../world/vps-admin.js';
import type { VpsSshTarget } from '../world/vps-ssh.js';
import type { VpsState } from '../world/vps.js';
import { worldForTests } from '../world/world-inject.js';
import { installShippedNode } from './shipped-node.js';

export interface AgentFixtureOptions {
  /** The VPS's name in the world: unique to the test file and its process. */
  name: string;
  /** The fixture's entry file (TypeScript), bundled with everything it imports. */
  entry: string;
  /** Where the bundle lands on the VPS; run it with `node <remoteBundle>`. */
  remoteBundle: string;
}

export interface StartedFixture {
  vps: VpsState;
  /** SSH as root with the world's key. */
  root: VpsSshTarget;
}

export interface AgentFixtureVps {
  /** Bundles the entry, resets the VPS, and copies the runtime and the bundle into it. */
  start(): Promise<StartedFixture>;
  /** Removes the VPS again, if start got as far as making it. */
  remove(): Promise<void>;
}

/** build/bundle-agent.mjs is plain JavaScript without declarations: its plugin is imported by URL and typed here. */
async function rawTextPlugin(): Promise<Plugin> {
  const bundler = (await import(new URL('../../build/bundle-agent.mjs', import.meta.url).href)) as { rawText: Plugin };
  return bundler.rawText;
}

async function bundle(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    logLevel: 'warning',
    plugins: [await rawTextPlugin()],
  });
}

export function agentFixtureVps({ name, entry, remoteBundle }: AgentFixtureOptions): AgentFixtureVps {
  let made = false;
  return {
    async start() {
      const dir = mkdtempSync(path.join(tmpdir(), 'mh-agent-fixture-'));
      try {
        const outfile = path.join(dir, 'fixture.cjs');
        await bundle(entry, outfile);
        const vps = await vpsAdmin('reset', name);
        made = true;
        await installShippedNode(vps.container);
        await run('docker', ['cp', outfile, `${vps.container}:${remoteBundle}`], { timeoutMs: 60_000 });
        return { vps, root: { vps, key: worldForTests().ssh, user: 'root' } };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async remove() {
      if (made) await vpsRemove(name);
    },
  };
}
