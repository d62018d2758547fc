import { readdir, readFile, readlink } from 'node:fs/promises';

export interface SocketOwner {
  pid: number;
  name: string;
}

const MAX_PROCESSES = 32_768;
const MAX_FDS_PER_PROCESS = 65_536;

/**
 * Finds which process holds each socket inode by reading the /proc/<pid>/fd symlinks
 * ("socket:[12345]"), the way ss -p and lsof do. Needs root to see other users' processes;
 * processes that end while we look, or that we may not inspect, are skipped. Stops as soon as
 * every inode has an owner.
 */
export async function findSocketOwners(inodes: Set<number>): Promise<Map<number, SocketOwner>> {
  const owners = new Map<number, SocketOwner>();
  if (inodes.size === 0) return owners;
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry)).slice(0, MAX_PROCESSES);
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = (await readdir(`/proc/${pid}/fd`)).slice(0, MAX_FDS_PER_PROCESS);
    } catch {
      continue;
    }
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (!match) continue;
      const inode = Number(match[1]);
      if (!inodes.has(inode) || owners.has(inode)) continue;
      const name = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '?')).trim() || '?';
      owners.set(inode, { pid: Number(pid), name });
    }
    if (owners.size === inodes.size) break;
  }
  return owners;
}
