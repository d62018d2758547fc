// World daemons written in TypeScript (slow DNS forwarder, S3 server, release feed) run with the project's
// own tsx, detached through ctx.startDaemon, so they outlive `up` and are stopped by `down`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DaemonInfo, WorldContext } from '../../context.js';
import { fingerprintFiles, forgetInputs, recordInputs, stopIfInputsChanged } from './daemon-inputs.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const TSX_CLI = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** Path of a daemon script that lives beside the piece modules. */
export function pieceScript(relative: string): string {
  return path.join(REPO_ROOT, 'test', 'world', 'pieces', relative);
}

/**
 * Starts `tsx script args...` with the Node running us (not whatever `node` is on PATH). The argument
 * list is what startDaemon compares to reuse a running daemon; `inputs` (files the daemon reads at start,
 * such as its own helper modules and certificates) restart it when their contents changed. The script
 * itself always counts as an input.
 */
export async function startTsxDaemon(
  ctx: WorldContext,
  name: string,
  script: string,
  args: readonly string[],
  inputs: readonly string[] = [],
): Promise<DaemonInfo> {
  const fingerprint = fingerprintFiles([script, ...inputs]);
  await stopIfInputsChanged(ctx, name, fingerprint);
  const info = await ctx.startDaemon(name, process.execPath, [TSX_CLI, script, ...args], { cwd: REPO_ROOT });
  recordInputs(ctx, name, fingerprint);
  return info;
}

/** Stops a daemon started with startTsxDaemon and forgets its inputs. */
export async function stopTsxDaemon(ctx: WorldContext, name: string): Promise<void> {
  await ctx.stopDaemon(name);
  forgetInputs(ctx, name);
}
