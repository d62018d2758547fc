import { statfs } from 'node:fs/promises';
import { AppError } from '../../../common/errors/app-error.js';
import { exec } from '../system/exec.js';

/** Room left after the pull, at the least: logs, Redis snapshots and the backup's stage need space too. */
const MARGIN_BYTES = 1024 ** 3;
const DEFAULT_DOCKER_ROOT = '/var/lib/docker';

/**
 * Refuses an update whose images might not fit. The new images are about as large as the ones that
 * run (same base, same dependencies), and nothing is removed before the new version has passed
 * its gate, so the estimate is their size again, plus a margin.
 */
export async function checkDiskRoom(currentRefs: readonly string[], signal: AbortSignal): Promise<string> {
  const root = await dockerRoot(signal);
  let imagesBytes = 0;
  for (const ref of currentRefs) {
    const inspected = await exec('docker', ['image', 'inspect', '--format', '{{.Size}}', ref], {
      timeoutMs: 15_000,
      signal,
    });
    if (inspected.code === 0) imagesBytes += Number(inspected.stdout.trim()) || 0;
  }
  const stats = await statfs(root);
  const free = stats.bavail * stats.bsize;
  const needed = imagesBytes + MARGIN_BYTES;
  const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (free < needed) {
    throw new AppError('updates.notEnoughDisk', {
      params: { free: gib(free), needed: gib(needed) },
      detail: `${root}: ${free} bytes free; the images that run take ${imagesBytes} bytes, plus a ${MARGIN_BYTES}-byte margin`,
    });
  }
  return `${gib(free)} free in ${root}, about ${gib(needed)} needed`;
}

async function dockerRoot(signal: AbortSignal): Promise<string> {
  const info = await exec('docker', ['info', '--format', '{{.DockerRootDir}}'], { timeoutMs: 15_000, signal });
  const root = info.stdout.trim();
  return info.code === 0 && root.startsWith('/') ? root : DEFAULT_DOCKER_ROOT;
}
