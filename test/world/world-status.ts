// `status`: what runs where, read from the live system (not only from world.json).
import fs from 'node:fs';
import { createWorldContext, forPiece, worldStateDir } from './context.js';
import { engineAnswers } from './docker-engine.js';
import { WORLD_LABEL } from './docker-labels.js';
import { WORLD_NETWORK } from './network.js';
import { loadPieces } from './pieces-loader.js';
import { worldJsonPath, readWorld } from './world.js';

export async function worldStatus(stateDir: string = worldStateDir()): Promise<string> {
  const ctx = createWorldContext(stateDir);
  const lines: string[] = [`state dir: ${stateDir}`];
  lines.push(
    `world.json: ${fs.existsSync(worldJsonPath(stateDir)) ? worldJsonPath(stateDir) : 'missing (world is down)'}`,
  );
  const engineUp = await engineAnswers(ctx);
  const dockerdPid = ctx.daemonRunning('dockerd');
  lines.push(
    `docker engine: ${engineUp ? 'running' : 'not running'}${dockerdPid ? ` (started by the world, pid ${dockerdPid})` : ''}`,
  );
  for (const name of ['registry', 'registry-loopback']) {
    const pid = ctx.daemonRunning(name);
    lines.push(`${name}: ${pid ? `pid ${pid}` : 'not running'}`);
  }
  if (engineUp) {
    const net = await ctx.run(
      'docker',
      ['network', 'inspect', WORLD_NETWORK, '--format', '{{range .IPAM.Config}}{{.Subnet}} gw {{.Gateway}}{{end}}'],
      { allowFailure: true },
    );
    lines.push(`network ${WORLD_NETWORK}: ${net.code === 0 ? net.stdout.trim() : 'absent'}`);
    const ps = await ctx.run('docker', [
      'ps',
      '-a',
      '--filter',
      `label=${WORLD_LABEL}`,
      '--format',
      '{{.Names}}\t{{.Status}}\t{{.Ports}}',
    ]);
    lines.push(
      'containers:',
      ...(ps.stdout.trim()
        ? ps.stdout
            .trim()
            .split('\n')
            .map((l) => `  ${l}`)
        : ['  none']),
    );
  }
  if (fs.existsSync(worldJsonPath(stateDir))) {
    const world = readWorld(stateDir);
    lines.push(
      `registry: https://${world.registry.address} (also ${world.registry.loopbackAddress}), CA ${world.ca.certPath}`,
    );
    for (const img of Object.values(world.images))
      lines.push(`  image ${img.ref}${img.aliases.length ? ` (+ ${img.aliases.join(', ')})` : ''}`);
    lines.push(`ssh key: ${world.ssh.privateKeyPath}`);
    for (const v of Object.values(world.vps)) {
      lines.push(`vps ${v.name}: ssh root@127.0.0.1 -p ${v.sshPort}, ip ${v.ip}, host key ${v.hostKey.fingerprint}`);
    }
  }
  const { pieces, missing } = await loadPieces();
  for (const { name, piece } of pieces) {
    try {
      lines.push(`[${name}] ${(await piece.status(forPiece(ctx, name))).trim()}`);
    } catch (err) {
      lines.push(`[${name}] status failed: ${(err as Error).message}`);
    }
  }
  for (const name of missing) lines.push(`[${name}] MISSING test/world/pieces/${name}.ts`);
  return lines.join('\n');
}
