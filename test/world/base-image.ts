// The `debian:bookworm` base image, made locally because no registry with upstream images is reachable:
// debootstrap a minbase rootfs once (tarball cached in <stateDir>/cache, kept by `down`), then
// `docker import` it whenever the image is missing from the engine.
import fs from 'node:fs';
import path from 'node:path';
import type { WorldContext } from './context.js';

export const BASE_IMAGE = 'debian:bookworm';
const MIRROR = 'http://deb.debian.org/debian';

export function rootfsTarball(ctx: WorldContext): string {
  return path.join(ctx.stateDir, 'cache', 'bookworm-minbase.tar');
}

async function imageExists(ctx: WorldContext, ref: string): Promise<boolean> {
  const r = await ctx.run('docker', ['image', 'inspect', '--format', '{{.Id}}', ref], {
    allowFailure: true,
    timeoutMs: 15_000,
  });
  return r.code === 0;
}

async function debootstrapTarball(ctx: WorldContext, tarball: string): Promise<void> {
  const rootfs = `${tarball}.rootfs`;
  fs.rmSync(rootfs, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(tarball), { recursive: true });
  ctx.log(`debootstrap bookworm minbase (about a minute) -> ${tarball}`);
  await ctx.run('debootstrap', ['--variant=minbase', 'bookworm', rootfs, MIRROR], {
    timeoutMs: 15 * 60_000,
    logFile: path.join(ctx.logDir, 'debootstrap.log'),
  });
  // Written under a temporary name so an interrupted run never leaves a truncated cache behind.
  await ctx.run('tar', ['-C', rootfs, '-cf', `${tarball}.tmp`, '.'], { timeoutMs: 5 * 60_000 });
  fs.renameSync(`${tarball}.tmp`, tarball);
  fs.rmSync(rootfs, { recursive: true, force: true });
}

export async function ensureBaseImage(ctx: WorldContext): Promise<{ image: string; imported: boolean }> {
  if (await imageExists(ctx, BASE_IMAGE)) return { image: BASE_IMAGE, imported: false };
  const tarball = rootfsTarball(ctx);
  if (!fs.existsSync(tarball)) await debootstrapTarball(ctx, tarball);
  ctx.log(`docker import ${tarball} ${BASE_IMAGE}`);
  await ctx.run('docker', ['import', '--change', 'CMD ["bash"]', tarball, BASE_IMAGE], { timeoutMs: 5 * 60_000 });
  return { image: BASE_IMAGE, imported: true };
}
