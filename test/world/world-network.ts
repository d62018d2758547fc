// Creates the `mailharbor-world` bridge with its fixed subnet. The bridge gets the gateway address
// (172.29.53.1) on the host as soon as it exists, which is what lets host daemons bind to it.
import type { WorldContext } from './context.js';
import { WORLD_BRIDGE, WORLD_DYNAMIC_RANGE, WORLD_GATEWAY, WORLD_NETWORK, WORLD_SUBNET } from './network.js';
import { WORLD_LABEL_ARG } from './docker-labels.js';

async function inspectLayout(ctx: WorldContext): Promise<string | undefined> {
  const r = await ctx.run(
    'docker',
    [
      'network',
      'inspect',
      WORLD_NETWORK,
      '--format',
      '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}} {{.IPRange}}{{end}}',
    ],
    { allowFailure: true, timeoutMs: 15_000 },
  );
  return r.code === 0 ? r.stdout.trim() : undefined;
}

export async function ensureWorldNetwork(
  ctx: WorldContext,
): Promise<{ name: string; subnet: string; gateway: string; dynamicRange: string }> {
  const found = await inspectLayout(ctx);
  const wanted = `${WORLD_SUBNET} ${WORLD_GATEWAY} ${WORLD_DYNAMIC_RANGE}`;
  let exists = found !== undefined;
  if (exists && found !== wanted) {
    // An older layout: replace it when nothing is attached, else ask for a clean restart.
    const attached = await ctx.run('docker', ['network', 'inspect', WORLD_NETWORK, '--format', '{{len .Containers}}']);
    if (attached.stdout.trim() !== '0') {
      throw new Error(`docker network ${WORLD_NETWORK} is "${found}", expected "${wanted}": run test/world/down`);
    }
    await ctx.run('docker', ['network', 'rm', WORLD_NETWORK]);
    exists = false;
  }
  if (!exists) {
    ctx.log(`creating network ${WORLD_NETWORK} ${WORLD_SUBNET}`);
    await ctx.run('docker', [
      'network',
      'create',
      '--driver',
      'bridge',
      '--subnet',
      WORLD_SUBNET,
      '--gateway',
      WORLD_GATEWAY,
      '--ip-range',
      WORLD_DYNAMIC_RANGE,
      '--opt',
      `com.docker.network.bridge.name=${WORLD_BRIDGE}`,
      '--label',
      WORLD_LABEL_ARG,
      WORLD_NETWORK,
    ]);
  }
  // The address must be on the host before anything binds to it.
  await ctx.waitFor(
    async () =>
      (await ctx.run('ip', ['-4', 'addr', 'show', 'dev', WORLD_BRIDGE], { allowFailure: true })).stdout.includes(
        `${WORLD_GATEWAY}/`,
      ),
    { timeoutMs: 10_000, what: `${WORLD_GATEWAY} on ${WORLD_BRIDGE}` },
  );
  return { name: WORLD_NETWORK, subnet: WORLD_SUBNET, gateway: WORLD_GATEWAY, dynamicRange: WORLD_DYNAMIC_RANGE };
}

export async function removeWorldNetwork(ctx: WorldContext): Promise<void> {
  if ((await inspectLayout(ctx)) === undefined) return;
  await ctx.run('docker', ['network', 'rm', WORLD_NETWORK], { timeoutMs: 30_000 });
}
