// A VPS of the benchmark's own with the real mail stack installed through the app's backend, the way
// test/integration/stack-install.test.ts does it: the real main-process services and web server,
// servers.add with the world's key, servers.connect answering the host-key prompt, stack.install with
// the world's outside addresses, jobs.follow until it ends. On a VPS that already has the stack (a
// kept one, `--vps NAME --keep`), the install finds every step done and takes seconds.
import { BUILT_RENDERER_DIR, startTestBackend, type TestBackend } from '../../test/support/backend.js';
import { installStack } from '../../test/support/stack-install-calls.js';
import { worldStackEnvironment } from '../../test/support/stack-environment.js';
import { hostKeyFingerprints, worldServerInput, worldVpsDomain } from '../../test/support/world-server.js';
import { createWorldContext } from '../../test/world/context.js';
import { resetZone } from '../../test/world/pieces/dns.js';
import { vpsAdmin, vpsRemove } from '../../test/world/vps-admin.js';
import { vpsExec, type VpsSshTarget } from '../../test/world/vps-ssh.js';
import type { VpsState } from '../../test/world/vps.js';
import { readWorld, type WorldState } from '../../test/world/world.js';
import { BenchRpcClient } from './bench-rpc-client.js';

export interface StackVps {
  world: WorldState;
  vps: VpsState;
  rootShell: VpsSshTarget;
  backend: TestBackend;
  client: BenchRpcClient;
  serverId: string;
  /** Runs a fixed script as root on the VPS (never built from input); fails on a non-zero exit. */
  sh(script: string, timeoutMs?: number, input?: string): Promise<string>;
  /** Stops the backend; removes the VPS unless it is to be kept. */
  close(): Promise<void>;
}

export interface StackVpsOptions {
  /** The VPS's name; an existing one of that name is used as it is (not reset). */
  name: string;
  /** Leave the VPS in the world afterwards (for a following benchmark run). */
  keep: boolean;
}

export async function stackVps({ name, keep }: StackVpsOptions): Promise<StackVps> {
  const existing = readWorld().vps[name];
  const vps = existing ?? (await vpsAdmin('reset', name));
  const world = readWorld();
  const rootShell: VpsSshTarget = { vps, key: world.ssh, user: 'root' };
  const domain = worldVpsDomain(vps);
  await resetZone(createWorldContext(world.stateDir, 'bench'), 'mailharbor.test');

  const backend = await startTestBackend(BUILT_RENDERER_DIR, {
    stackEnvironment: worldStackEnvironment(world),
  });
  const client = await BenchRpcClient.open(backend.server);
  let serverId: string | undefined;
  const close = async () => {
    // Disconnecting ends the agent on the VPS, so a kept VPS has no second agent next time.
    if (serverId) await client.callOk('servers.disconnect', { id: serverId }).catch(() => undefined);
    client.close();
    await backend.stop();
    if (!keep) await vpsRemove(name).catch((error: unknown) => console.error(`could not remove ${name}: ${error}`));
  };
  try {
    const fingerprints = hostKeyFingerprints(vps);
    client.on('hostKey.prompt', (prompt) => {
      void client.callOk('hostKey.answer', {
        promptId: prompt.promptId,
        accept: fingerprints.includes(prompt.fingerprint),
      });
    });
    const added = await client.callOk('servers.add', await worldServerInput(world, vps, 'Benchmark VPS'));
    serverId = added.id;
    const connected = await client.callOk('servers.connect', { id: added.id });
    if (connected.status !== 'connected') throw new Error(`servers.connect: ${connected.status}`);
    const startedAt = performance.now();
    const status = await installStack(client, added.id, domain);
    if (status !== 'succeeded') throw new Error(`stack.install ended ${status}`);
    console.log(`stack installed on ${name} in ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
    const sh = async (script: string, timeoutMs = 60_000, input?: string) => {
      const result = await vpsExec(rootShell, script, input === undefined ? { timeoutMs } : { timeoutMs, input });
      return result.stdout;
    };
    return { world, vps, rootShell, backend, client, serverId: added.id, sh, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** `--vps NAME` (default bench-logs-<pid>) and `--keep`, shared by the dashboard benchmarks. */
export function stackVpsOptions(values: { vps?: string | undefined; keep?: boolean | undefined }): StackVpsOptions {
  const name = values.vps ?? `bench-logs-${process.pid}`;
  if (!/^[a-z0-9-]{1,40}$/.test(name)) throw new Error('--vps: expected letters a-z, digits and -, at most 40');
  return { name, keep: values.keep ?? false };
}

/** The agent's pid on the VPS: the runtime's node running agent.cjs serve (the launcher execs it). */
export const AGENT_PID_SCRIPT = [
  'for p in /proc/[0-9]*; do',
  '  c=$(tr "\\0" " " < $p/cmdline 2>/dev/null) || continue',
  '  case "$c" in /opt/mailharbor/*/node\\ *agent.cjs\\ serve*) echo ${p#/proc/};; esac',
  'done',
].join('\n');

/** VmRSS in bytes of the given pids on the VPS, summed (0 for pids that are gone). */
export async function rssBytes(stack: StackVps, pids: readonly number[]): Promise<number> {
  if (pids.length === 0) return 0;
  const out = await stack.sh(
    `for p in ${pids.map((pid) => String(Math.trunc(pid))).join(' ')}; do awk '/^VmRSS:/ {print $2}' /proc/$p/status 2>/dev/null; done`,
  );
  return out
    .split('\n')
    .filter(Boolean)
    .reduce((sum, kb) => sum + Number(kb) * 1024, 0);
}
