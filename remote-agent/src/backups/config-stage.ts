import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, readlink, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { StackPaths } from '../stack/stack-paths.js';

/**
 * What a restore needs besides the data, which upstream's own backup script never saves: the
 * stack's files and .env, its certificates and DKIM key (ssl/), Let's Encrypt's accounts and
 * renewal settings (/etc/letsencrypt, links kept as links), the DNS providers' credentials files and
 * the agent's own certificate hooks. Copied (they are small); each source's place in the stage is
 * fixed, so a restore knows where each one goes back.
 */
export function configSources(paths: StackPaths): { name: string; from: string }[] {
  return [
    { name: 'stack', from: paths.dir },
    { name: 'letsencrypt', from: paths.letsencryptDir },
    { name: 'mailharbor-etc', from: paths.agentEtcDir },
    { name: 'root/.cloudflare.ini', from: path.join(paths.rootHome, '.cloudflare.ini') },
    { name: 'root/.digitalocean.ini', from: path.join(paths.rootHome, '.digitalocean.ini') },
    { name: 'root/.aws/credentials', from: path.join(paths.rootHome, '.aws', 'credentials') },
  ];
}

/** The stack directory's data lives in its own parts of the backup (or is rebuilt): not under config. */
const STACK_DATA = new Set(['sqlite-data', 'redis-data', 'mongo-backups', 'acme-webroot', '.mailharbor-rollback']);

export async function stageConfig(paths: StackPaths, stage: string): Promise<{ files: number; bytes: number }> {
  const totals = { files: 0, bytes: 0 };
  const copyTree = async (from: string, to: string, skip: (name: string) => boolean) => {
    let info;
    try {
      info = await lstat(from);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    if (info.isSymbolicLink()) {
      await mkdir(path.dirname(to), { recursive: true });
      await symlink(await readlink(from), to);
    } else if (info.isDirectory()) {
      await mkdir(to, { recursive: true, mode: info.mode & 0o7777 });
      for (const entry of await readdir(from)) {
        if (!skip(entry)) await copyTree(path.join(from, entry), path.join(to, entry), () => false);
      }
    } else if (info.isFile()) {
      await mkdir(path.dirname(to), { recursive: true });
      await copyFile(from, to, constants.COPYFILE_FICLONE);
      totals.files++;
      totals.bytes += info.size;
    }
  };
  for (const source of configSources(paths)) {
    await copyTree(
      source.from,
      path.join(stage, source.name),
      (name) => source.name === 'stack' && STACK_DATA.has(name),
    );
  }
  return totals;
}
