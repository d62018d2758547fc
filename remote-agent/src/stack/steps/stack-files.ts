import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { InstallStep } from '../install-step.js';
import type { PlannedChange } from '../../../../common/stack/stack-contract.js';
import type { StackPaths } from '../stack-paths.js';
import { stackSources } from '../stack-sources.js';

/**
 * stackFiles: the stack directory, its data directories, and the compose file and nginx.conf
 * this agent was built with. Upstream's docker-compose-self-hosted.yml, when present, is left
 * alone: it is theirs, and ours has another name.
 */

interface StackDirectory {
  path: string;
  mode: number;
}

/**
 * Root-only where secrets live (the directory holds .env, ssl/ the keys). The data directories
 * are the containers' (bind mounts: redis, mongo and the app use them as they see fit), and
 * nginx's workers must read the ACME challenges in acme-webroot/.
 */
function stackDirectories(paths: StackPaths): StackDirectory[] {
  return [
    { path: paths.dir, mode: 0o700 },
    { path: paths.sslDir, mode: 0o700 },
    { path: paths.sqliteData, mode: 0o755 },
    { path: paths.mongoBackups, mode: 0o755 },
    { path: paths.redisData, mode: 0o755 },
    { path: paths.acmeWebroot, mode: 0o755 },
  ];
}

function stackFiles(paths: StackPaths): { path: string; content: string }[] {
  return [
    { path: paths.composeFile, content: stackSources.composeFile },
    { path: paths.nginxConf, content: stackSources.nginxConf },
  ];
}

type FileState = 'missing' | 'same' | 'different';

async function fileState(file: string, content: string): Promise<FileState> {
  try {
    return (await readFile(file, 'utf8')) === content ? 'same' : 'different';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

async function isDirectory(directory: string): Promise<boolean> {
  try {
    return (await stat(directory)).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Readers (compose, a container starting) see the old file or the new one, never half of one.
 * The temporary file sits beside the target (same file system, so rename is atomic) and gets the
 * mode before any content, so a secret is never readable by others, whatever the umask.
 */
export async function writeFileAtomic(file: string, content: string, mode: number): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', mode);
  try {
    await handle.chmod(mode);
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export const stackFilesStep: InstallStep = {
  id: 'stackFiles',
  title: 'Stack directory and files',

  async plan({ paths }) {
    const changes: PlannedChange[] = [];
    for (const directory of stackDirectories(paths)) {
      if (!(await isDirectory(directory.path)))
        changes.push({ kind: 'directory', target: directory.path, action: 'create' });
    }
    for (const file of stackFiles(paths)) {
      const state = await fileState(file.path, file.content);
      if (state === 'missing') changes.push({ kind: 'file', target: file.path, action: 'create' });
      if (state === 'different') {
        changes.push({
          kind: 'file',
          target: file.path,
          action: 'change',
          note: `replaced by this version's file; the old one is kept as ${path.basename(file.path)}.previous`,
        });
      }
    }
    if (await exists(paths.upstreamComposeFile)) {
      changes.push({
        kind: 'file',
        target: paths.upstreamComposeFile,
        action: 'keep',
        note: "upstream's compose file is left as it is",
      });
    }
    return changes;
  },

  async check({ paths }) {
    for (const directory of stackDirectories(paths)) if (!(await isDirectory(directory.path))) return false;
    for (const file of stackFiles(paths)) if ((await fileState(file.path, file.content)) !== 'same') return false;
    return true;
  },

  async run({ paths }, step) {
    for (const directory of stackDirectories(paths)) {
      if (await isDirectory(directory.path)) continue;
      // Parents (/root/forwardemail.net) get the same mode; an existing directory keeps its own.
      await mkdir(directory.path, { recursive: true, mode: directory.mode });
      await chmod(directory.path, directory.mode);
      step.log(`created ${directory.path}`);
    }
    for (const file of stackFiles(paths)) {
      const state = await fileState(file.path, file.content);
      if (state === 'same') continue;
      // Someone's edits to our file are kept aside rather than lost.
      if (state === 'different') await copyFile(file.path, `${file.path}.previous`);
      await writeFileAtomic(file.path, file.content, 0o644);
      step.log(`${state === 'missing' ? 'wrote' : 'replaced'} ${file.path}`);
    }
  },
};
