import { stat, statfs } from 'node:fs/promises';
import { finding, gib, GIB, type PreflightCheck } from './check.js';

const MINIMUM_FREE_GB = 20;
const DOCKER_DIR = '/var/lib/docker';

interface FreeSpace {
  path: string;
  freeBytes: number;
}

/** Space an unprivileged writer may still use (bavail), as df's "Available" column shows. */
async function freeSpace(path: string): Promise<FreeSpace> {
  const info = await statfs(path);
  return { path, freeBytes: info.bavail * info.bsize };
}

export const diskCheck: PreflightCheck = {
  id: 'disk',
  async run() {
    const places = [await freeSpace('/')];
    // Docker's images and the mail data live here; it may be its own filesystem.
    const docker = await stat(DOCKER_DIR).catch(() => null);
    const rootDevice = (await stat('/')).dev;
    if (docker?.isDirectory() && docker.dev !== rootDevice) places.push(await freeSpace(DOCKER_DIR));
    const tightest = places.reduce((least, place) => (place.freeBytes < least.freeBytes ? place : least));
    const params: Record<string, string | number> = {
      path: tightest.path,
      found: gib(tightest.freeBytes),
      minimumGb: MINIMUM_FREE_GB,
      rootFreeBytes: places[0]!.freeBytes,
    };
    if (places[1]) params.dockerFreeBytes = places[1].freeBytes;
    const detail = places.map((place) => `${place.path}: ${place.freeBytes} bytes available`).join('; ');
    return finding('disk', tightest.freeBytes < MINIMUM_FREE_GB * GIB ? 'warning' : 'ok', params, detail);
  },
};
