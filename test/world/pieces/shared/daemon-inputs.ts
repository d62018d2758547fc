// startDaemon reuses a live daemon whose arguments are unchanged. Some inputs are not in the arguments: a
// certificate reissued under the same path, a config file rewritten in place, the daemon's own source after
// an edit. A fingerprint of those, kept beside the pid file, makes `up` restart a daemon that would
// otherwise keep serving stale inputs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { WorldContext } from '../../context.js';

function stampFile(ctx: WorldContext, daemon: string): string {
  return path.join(ctx.stateDir, 'run', `${daemon}.inputs`);
}

/** sha256 over the files' contents (a missing file counts as empty). */
export function fingerprintFiles(files: readonly string[]): string {
  const hash = crypto.createHash('sha256');
  for (const file of files) {
    hash.update(file);
    hash.update(fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0));
  }
  return hash.digest('hex');
}

/** Stops the daemon when it runs with other inputs than `fingerprint`; call before ctx.startDaemon. */
export async function stopIfInputsChanged(ctx: WorldContext, daemon: string, fingerprint: string): Promise<void> {
  if (ctx.daemonRunning(daemon) === undefined) return;
  const recorded = fs.existsSync(stampFile(ctx, daemon)) ? fs.readFileSync(stampFile(ctx, daemon), 'utf8') : '';
  if (recorded === fingerprint) return;
  ctx.log(`${daemon}: configuration, certificate or code changed since it started: restarting it`);
  await ctx.stopDaemon(daemon);
}

/** Records the inputs the daemon now runs with; call after ctx.startDaemon. */
export function recordInputs(ctx: WorldContext, daemon: string, fingerprint: string): void {
  fs.mkdirSync(path.dirname(stampFile(ctx, daemon)), { recursive: true });
  fs.writeFileSync(stampFile(ctx, daemon), fingerprint);
}

export function forgetInputs(ctx: WorldContext, daemon: string): void {
  fs.rmSync(stampFile(ctx, daemon), { force: true });
}
