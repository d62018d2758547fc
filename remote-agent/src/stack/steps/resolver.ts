import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, readFile, readlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../../common/errors/app-error.js';
import type { StepContext } from '../../jobs/steps.js';
import { execOrThrow } from '../../system/exec.js';
import type { InstallContext, InstallStep } from '../install-step.js';
import type { PlannedChange } from '../../../../common/stack/stack-contract.js';
import type { StackPaths } from '../stack-paths.js';
import { systemdRunning } from '../system/os-info.js';
import { parseNameservers, renderResolvConf, renderResolvedDropIn, sameNameservers } from '../system/resolv-conf.js';

export const RESOLV_CONF_BACKUP_SUFFIX = '.mailharbor-backup';

interface ResolverFiles {
  resolvConf: string;
  backup: string;
  /** systemd-resolved's drop-in, under the same root as resolv.conf (<root>/etc/systemd/...). */
  dropIn: string;
}

export function resolverFiles(paths: StackPaths): ResolverFiles {
  return {
    resolvConf: paths.resolvConf,
    backup: `${paths.resolvConf}${RESOLV_CONF_BACKUP_SUFFIX}`,
    dropIn: path.join(path.dirname(paths.resolvConf), 'systemd', 'resolved.conf.d', 'mailharbor.conf'),
  };
}

/**
 * How resolv.conf is managed. A symlink means a resolver daemon writes it (systemd-resolved's
 * stub-resolv.conf on Ubuntu): our lines would be overwritten at its next update, so the servers
 * go into the daemon's configuration instead.
 */
type Manager = { kind: 'file' } | { kind: 'symlink'; target: string };

async function manager(resolvConf: string): Promise<Manager> {
  const info = await lstat(resolvConf).catch(() => undefined);
  if (!info?.isSymbolicLink()) return { kind: 'file' };
  return { kind: 'symlink', target: await readlink(resolvConf) };
}

function isResolvedTarget(target: string): boolean {
  return /(^|\/)systemd\/resolve\//.test(target);
}

async function readOrEmpty(file: string): Promise<string> {
  return (await readFile(file, 'utf8').catch(() => '')).slice(0, 64 * 1024);
}

async function exists(file: string): Promise<boolean> {
  return (await lstat(file).catch(() => undefined)) !== undefined;
}

function chosen(install: InstallContext): string[] {
  return install.options.resolver?.nameservers ?? [];
}

function writeFailed(file: string, error: unknown): AppError {
  return new AppError('stack.commandFailed', {
    params: { command: `write ${file}` },
    detail: `${file}: ${(error as Error).message}`,
    retryable: true,
  });
}

export const resolverStep: InstallStep = {
  id: 'resolver',
  title: 'Nameservers',

  applies: (install) => install.options.resolver !== undefined,

  async plan(install) {
    const files = resolverFiles(install.paths);
    const nameservers = chosen(install);
    const note = `nameservers ${nameservers.join(', ')}`;
    const done = await alreadyApplied(install);
    if ((await manager(files.resolvConf)).kind === 'symlink') {
      return [{ kind: 'resolver', target: files.dropIn, action: done ? 'keep' : 'create', note }];
    }
    const changes: PlannedChange[] = [
      { kind: 'resolver', target: files.resolvConf, action: done ? 'keep' : 'change', note },
    ];
    if (!done && !(await exists(files.backup)) && (await exists(files.resolvConf))) {
      changes.push({ kind: 'file', target: files.backup, action: 'create', note: 'the old resolv.conf, kept' });
    }
    return changes;
  },

  check: (install) => alreadyApplied(install),

  async run(install, step) {
    const files = resolverFiles(install.paths);
    const nameservers = chosen(install);
    if (nameservers.length === 0) return;
    const how = await manager(files.resolvConf);
    if (how.kind === 'symlink') {
      await writeResolvedDropIn(files, nameservers, how.target, step);
      return;
    }
    // Kept once: a later run must not replace the original with a file we wrote.
    await copyFile(files.resolvConf, files.backup, constants.COPYFILE_EXCL).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST' && error.code !== 'ENOENT') throw writeFailed(files.backup, error);
    });
    const next = renderResolvConf(await readOrEmpty(files.resolvConf), nameservers);
    // Written in place, not renamed over: in containers resolv.conf is a bind mount, and a
    // rename onto a mount point fails.
    await writeFile(files.resolvConf, next, { mode: 0o644 }).catch((error: unknown) => {
      throw writeFailed(files.resolvConf, error);
    });
    step.log(`${files.resolvConf}: nameservers ${nameservers.join(', ')} (old file: ${files.backup})`);
  },
};

/** The chosen servers are already the ones in use (in resolv.conf, or in resolved's drop-in). */
async function alreadyApplied(install: InstallContext): Promise<boolean> {
  const files = resolverFiles(install.paths);
  const nameservers = chosen(install);
  if (nameservers.length === 0) return true;
  if ((await manager(files.resolvConf)).kind === 'symlink') {
    return (await readOrEmpty(files.dropIn)) === renderResolvedDropIn(nameservers);
  }
  return sameNameservers(parseNameservers(await readOrEmpty(files.resolvConf)), nameservers);
}

async function writeResolvedDropIn(files: ResolverFiles, nameservers: string[], target: string, step: StepContext) {
  try {
    await mkdir(path.dirname(files.dropIn), { recursive: true, mode: 0o755 });
    await writeFile(files.dropIn, renderResolvedDropIn(nameservers), { mode: 0o644 });
  } catch (error) {
    throw writeFailed(files.dropIn, error);
  }
  step.log(`${files.resolvConf} links to ${target}: wrote ${files.dropIn} instead`);
  if (!isResolvedTarget(target)) {
    step.log(
      `${target} is not systemd-resolved's file: the drop-in takes effect only if systemd-resolved runs`,
      'stderr',
    );
    return;
  }
  // Without systemd (a container) there is no resolved to tell; it reads the drop-in when it starts.
  if (!systemdRunning()) return;
  await execOrThrow('systemctl', ['restart', 'systemd-resolved'], { timeoutMs: 60_000, signal: step.signal });
  step.log('restarted systemd-resolved');
}
