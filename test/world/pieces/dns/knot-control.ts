// knotc over the world's control socket: status, the serial knot serves, zone checks and reloads.
import fs from 'node:fs';
import path from 'node:path';
import type { WorldContext } from '../../context.js';
import { dnsPaths } from './dns-layout.js';

/** Debian's path; /usr/sbin is not on every PATH (CI shells, sudo -u). */
const KNOTC = '/usr/sbin/knotc';

function knotc(ctx: WorldContext, args: readonly string[], allowFailure = false) {
  const paths = dnsPaths(ctx);
  return ctx.run(KNOTC, ['-x', '-c', paths.config, '-s', paths.controlSocket, '-t', '15', ...args], {
    timeoutMs: 30_000,
    allowFailure,
  });
}

export async function knotAnswersControl(ctx: WorldContext): Promise<boolean> {
  return (await knotc(ctx, ['status'], true)).code === 0;
}

/** The SOA serial knot currently serves for `zone`, or undefined when the zone is not loaded. */
export async function servedSerial(ctx: WorldContext, zone: string): Promise<number | undefined> {
  const r = await knotc(ctx, ['zone-read', zone, '@', 'SOA'], true);
  if (r.code !== 0) return undefined;
  // "[zone.] zone. 60 SOA ns1.x. hostmaster.x. SERIAL 3600 600 86400 60"
  const match = /\sSOA\s+\S+\s+\S+\s+(\d+)\s/.exec(r.stdout);
  return match ? Number(match[1]) : undefined;
}

/**
 * Parses and semantically checks zone text as knot would load it, in a scratch directory with a config of
 * its own, so a broken zone never reaches the file knot serves. Throws knot's complaint.
 */
export async function checkZoneText(ctx: WorldContext, zone: string, text: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(dnsPaths(ctx).dir, 'zone-check-'));
  try {
    fs.writeFileSync(path.join(dir, `${zone}.zone`), text);
    const config = path.join(dir, 'check.conf');
    fs.writeFileSync(
      config,
      `template:\n  - id: default\n    storage: "${dir}"\n    file: "%s.zone"\n    semantic-checks: on\nzone:\n  - domain: "${zone}"\n`,
    );
    const r = await ctx.run(KNOTC, ['-x', '-c', config, 'zone-check', zone], { timeoutMs: 30_000, allowFailure: true });
    if (r.code !== 0) throw new Error(`zone ${zone} does not load: ${(r.stderr || r.stdout).trim()}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Reloads one zone from its file and waits until knot finished loading it. */
export async function reloadZoneFile(ctx: WorldContext, zone: string): Promise<void> {
  await knotc(ctx, ['-b', 'zone-reload', zone]);
}
