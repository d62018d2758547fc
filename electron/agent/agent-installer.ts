import path from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import { AppError } from '../../common/errors/app-error.js';
import type { SshSession } from '../ssh/ssh-session.js';
import { asRoot, type RootAccess } from '../ssh/sudo.js';
import { runtimeArchFor, type AgentArtifacts } from './artifacts.js';
import { remoteAgentPath, remoteNodePath } from './remote-layout.js';
import { INSTALL_FILE_SCRIPT } from './remote-scripts.js';

/** What the launcher reported about the machine when the agent could not start. */
export interface DeployNeeded {
  machine: string;
  unpack: 'xz' | 'gz';
  runtimeInstalled: boolean;
}

export interface InstallReport {
  uploadedBytes: number;
  runtimeInstalled: boolean;
  agentInstalled: boolean;
}

export function parseDeployNeeded(line: string): DeployNeeded | undefined {
  const match = /arch=(\S+) unpack=(xz|gz) runtime=(yes|no)/.exec(line);
  if (!match) return undefined;
  return { machine: match[1]!, unpack: match[2] as 'xz' | 'gz', runtimeInstalled: match[3] === 'yes' };
}

/**
 * Puts the agent (and, when missing, the Node runtime for this machine's architecture) in place:
 * uploaded over SFTP as the login user into a fresh temporary folder, then verified, unpacked and
 * moved into /opt/mailharbor by root. The runtime goes xz-packed where the server has xz (29 MB),
 * gzip-packed otherwise.
 */
export async function installAgent(
  session: SshSession,
  access: RootAccess,
  artifacts: AgentArtifacts,
  needed: DeployNeeded,
): Promise<InstallReport> {
  const arch = runtimeArchFor(needed.machine);
  if (!arch) throw new AppError('agent.unsupportedArch', { params: { machine: needed.machine } });
  const agent = await artifacts.agent();
  const made = await session.run(['mktemp', '-d', '/tmp/mailharbor-upload.XXXXXXXX'], { timeoutMs: 15_000 });
  const uploadDir = made.stdout.trim();
  if (made.code !== 0 || !uploadDir.startsWith('/tmp/mailharbor-upload.')) {
    throw new AppError('agent.installFailed', {
      detail: `mktemp exited with ${made.code}: ${made.stderr.trim() || made.stdout.trim() || 'no output'}`,
      retryable: true,
    });
  }
  const sftp = await session.sftp();
  const report: InstallReport = { uploadedBytes: 0, runtimeInstalled: false, agentInstalled: false };
  try {
    if (!needed.runtimeInstalled) {
      const { manifest, dir } = await artifacts.runtime(arch);
      const packed = manifest.compressed[needed.unpack];
      const remote = `${uploadDir}/${packed.file}`;
      await upload(sftp, path.join(dir, packed.file), remote);
      report.uploadedBytes += packed.size;
      await installFile(session, access, [
        remote,
        needed.unpack,
        packed.sha256,
        remoteNodePath(artifacts.nodeVersion),
        manifest.binary.sha256,
      ]);
      report.runtimeInstalled = true;
    }
    // Its companions first: once agent.cjs is in place the launcher starts it, and they must be there.
    const agentPath = remoteAgentPath(artifacts.appVersion, agent.sha256);
    for (const companion of agent.companions) {
      const remote = `${uploadDir}/${companion.name}`;
      await upload(sftp, companion.file, remote);
      report.uploadedBytes += (await sftpSize(sftp, remote)) ?? 0;
      await installFile(session, access, [
        remote,
        'none',
        companion.sha256,
        path.posix.join(path.posix.dirname(agentPath), companion.name),
        companion.sha256,
      ]);
    }
    const remoteAgent = `${uploadDir}/agent.cjs`;
    await upload(sftp, agent.file, remoteAgent);
    report.uploadedBytes += (await sftpSize(sftp, remoteAgent)) ?? 0;
    await installFile(session, access, [remoteAgent, 'none', agent.sha256, agentPath, agent.sha256]);
    report.agentInstalled = true;
    return report;
  } finally {
    sftp.end();
    await session
      .run(asRoot(['rm', '-rf', '--', uploadDir], access).argv, {
        stdin: asRoot([], access).stdinPrefix,
        timeoutMs: 30_000,
      })
      .catch(() => undefined);
  }
}

async function installFile(session: SshSession, access: RootAccess, args: string[]): Promise<void> {
  const { argv, stdinPrefix } = asRoot(['/bin/sh', '-c', INSTALL_FILE_SCRIPT, 'mailharbor-install', ...args], access);
  const result = await session.run(argv, { stdin: stdinPrefix, timeoutMs: 300_000 });
  if (result.code !== 0) {
    throw new AppError('agent.installFailed', { detail: result.stderr.trim().slice(0, 1000), retryable: true });
  }
}

function upload(sftp: SFTPWrapper, local: string, remote: string): Promise<void> {
  return new Promise((resolve, reject) =>
    sftp.fastPut(local, remote, { concurrency: 32, chunkSize: 32 * 1024, mode: 0o600 }, (error) =>
      error ? reject(new AppError('agent.installFailed', { detail: error.message, retryable: true })) : resolve(),
    ),
  );
}

function sftpSize(sftp: SFTPWrapper, remote: string): Promise<number | undefined> {
  return new Promise((resolve) => sftp.stat(remote, (error, stats) => resolve(error ? undefined : stats.size)));
}
