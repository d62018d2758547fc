import { createHash, randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../../common/errors/app-error.js';
import type { InstallStep } from '../install-step.js';
import type { PlannedChange } from '../../../../common/stack/stack-contract.js';
import type { StackPaths } from '../stack-paths.js';
import { stackSources } from '../stack-sources.js';

/**
 * stackFiles: the stack directory, its data directories, and the compose file and nginx.conf
 * this agent was built with. Upstream's docker-compose-self-hosted.yml, when present, is left
 * alone: it is theirs, and ours has another name.
 *
 * A record of what Mailharbor last wrote (a SHA-256 per file, in .mailharbor-files.json) tells a file
 * of an older Mailharbor, which a newer one replaces (the plan says how many lines change), from a
 * file changed by hand since, which is never overwritten: the step stops and says what to do. A file
 * from before the record (or upstream's nginx.conf) is replaced and kept beside as .previous.
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

/** same: as shipped; ours: what an older Mailharbor wrote, untouched; edited: changed by hand since. */
type FileState = 'missing' | 'same' | 'ours' | 'edited' | 'unknown';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function writtenRecordFile(paths: StackPaths): string {
  return path.join(paths.dir, '.mailharbor-files.json');
}

async function readWrittenRecord(paths: StackPaths): Promise<Record<string, string>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(writtenRecordFile(paths), 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => /^[0-9a-f]{64}$/.test(String(entry[1]))),
    );
  } catch {
    return {}; // none yet (an install from before the record), or damaged: every differing file is "unknown"
  }
}

async function fileState(file: string, content: string, written: Record<string, string>): Promise<FileState> {
  let current: string;
  try {
    current = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  if (current === content) return 'same';
  const last = written[path.basename(file)];
  if (last === undefined) return 'unknown';
  return sha256(current) === last ? 'ours' : 'edited';
}

/** "+12 −3 lines": how much a new version of a file changes, by lines added and removed. */
export function lineChanges(before: string, after: string): string {
  const count = (lines: string[]) => {
    const counts = new Map<string, number>();
    for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
    return counts;
  };
  const [old, next] = [count(before.split('\n')), count(after.split('\n'))];
  let added = 0;
  let removed = 0;
  for (const [line, times] of next) added += Math.max(0, times - (old.get(line) ?? 0));
  for (const [line, times] of old) removed += Math.max(0, times - (next.get(line) ?? 0));
  return `+${added} −${removed} lines`;
}

function handEdited(file: string): AppError {
  return new AppError('stack.fileEditedByHand', {
    params: { file },
    detail: `${file} was changed since Mailharbor wrote it; it is left as it is`,
  });
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
    const written = await readWrittenRecord(paths);
    for (const file of stackFiles(paths)) {
      const state = await fileState(file.path, file.content, written);
      if (state === 'missing') changes.push({ kind: 'file', target: file.path, action: 'create' });
      if (state === 'ours' || state === 'unknown') {
        const current = await readFile(file.path, 'utf8');
        const origin = state === 'ours' ? "Mailharbor's new version of this file" : "replaced by this version's file";
        changes.push({
          kind: 'file',
          target: file.path,
          action: 'change',
          note: `${origin} (${lineChanges(current, file.content)}); the current one is kept as ${path.basename(file.path)}.previous`,
        });
      }
      if (state === 'edited') {
        changes.push({
          kind: 'file',
          target: file.path,
          action: 'keep',
          note: `changed by hand since Mailharbor wrote it: never overwritten, so the install stops at this step; to take Mailharbor's new version (${lineChanges(await readFile(file.path, 'utf8'), file.content)}), move your file aside, run the setup again and carry your changes over`,
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
    const written = await readWrittenRecord(paths);
    for (const file of stackFiles(paths)) {
      if ((await fileState(file.path, file.content, written)) !== 'same') return false;
      // An install from before the record gets one, so a later version can tell its files from edits.
      if (written[path.basename(file.path)] !== sha256(file.content)) return false;
    }
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
    const written = await readWrittenRecord(paths);
    const files = stackFiles(paths);
    const states = await Promise.all(files.map((file) => fileState(file.path, file.content, written)));
    // Refused before either file is written: both stay as they are.
    const edited = files.find((_, index) => states[index] === 'edited');
    if (edited) throw handEdited(edited.path);
    for (const [index, file] of files.entries()) {
      const state = states[index]!;
      if (state !== 'same') {
        // The file it replaces is kept beside it, whoever wrote it.
        if (state !== 'missing') await copyFile(file.path, `${file.path}.previous`);
        await writeFileAtomic(file.path, file.content, 0o644);
        step.log(`${state === 'missing' ? 'wrote' : 'replaced'} ${file.path}`);
      }
      written[path.basename(file.path)] = sha256(file.content);
    }
    await writeFileAtomic(writtenRecordFile(paths), `${JSON.stringify(written, null, 2)}\n`, 0o600);
  },
};
