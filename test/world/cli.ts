// Entry point of test/world/{up,down,status}: `tsx test/world/cli.ts <command> [options]`.
//   up [--vps NAME]... [--require-all-pieces]   bring the world up (idempotent), print timings
//   down [--purge] [--keep-engine]              remove what the world made (see world-down.ts for what stays)
//   status                                      what runs where
//   vps create|reset|rm NAME                    manage extra VPSes of a running world
import { worldStateDir } from './context.js';
import { worldUp } from './world-up.js';
import { worldDown } from './world-down.js';
import { worldStatus } from './world-status.js';
import { vpsAdmin, vpsRemove } from './vps-admin.js';
import type { VpsAction } from './vps-admin.js';
import { worldJsonPath } from './world.js';

function usage(): never {
  process.stderr.write(
    'usage: cli.ts up [--vps NAME]... [--require-all-pieces] | down [--purge] [--keep-engine] | status | vps create|reset|rm NAME\n',
  );
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  const stateDir = worldStateDir();
  switch (cmd) {
    case 'up': {
      const vps: string[] = [];
      let requireAllPieces = process.env.MAILHARBOR_WORLD_REQUIRE_ALL_PIECES === '1';
      for (let i = 0; i < rest.length; i++) {
        if (rest[i] === '--vps' && rest[i + 1]) vps.push(rest[++i]!);
        else if (rest[i] === '--require-all-pieces') requireAllPieces = true;
        else usage();
      }
      const t0 = performance.now();
      const { timings, missingPieces } = await worldUp({
        stateDir,
        requireAllPieces,
        vps: vps.length ? vps : undefined,
      });
      const total = Math.round(performance.now() - t0) / 1000;
      process.stdout.write(`world up in ${total}s: ${worldJsonPath(stateDir)}\n`);
      process.stdout.write(
        `steps: ${Object.entries(timings)
          .map(([k, v]) => `${k}=${v}s`)
          .join(' ')}\n`,
      );
      if (missingPieces.length) process.stdout.write(`WARNING: missing pieces: ${missingPieces.join(', ')}\n`);
      return;
    }
    case 'down': {
      const purge = rest.includes('--purge');
      const keepEngine = rest.includes('--keep-engine');
      if (rest.some((a) => a !== '--purge' && a !== '--keep-engine')) usage();
      await worldDown({ stateDir, purge, keepEngine });
      process.stdout.write('world down\n');
      return;
    }
    case 'status':
      process.stdout.write(`${await worldStatus(stateDir)}\n`);
      return;
    case 'vps': {
      const [action, name] = rest;
      if (!name || !['create', 'reset', 'rm'].includes(action ?? '')) usage();
      if (action === 'rm') await vpsRemove(name, stateDir);
      else process.stdout.write(`${JSON.stringify(await vpsAdmin(action as VpsAction, name, stateDir), null, 2)}\n`);
      return;
    }
    default:
      usage();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`world: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
