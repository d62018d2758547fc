import type { ClientChannel } from 'ssh2';
import { AppError } from '../../common/errors/app-error.js';
import type { SshSession } from '../ssh/ssh-session.js';
import { asRoot, type RootAccess } from '../ssh/sudo.js';
import { installAgent, parseDeployNeeded, type DeployNeeded, type InstallReport } from './agent-installer.js';
import type { AgentArtifacts, RuntimeArch } from './artifacts.js';
import { remoteAgentPath, remoteNodePath } from './remote-layout.js';
import { DEPLOY_NEEDED_MARKER, LAUNCH_SCRIPT } from './remote-scripts.js';
import { AgentRpcClient } from './rpc-client.js';

export interface RunningAgent {
  client: AgentRpcClient;
  channel: ClientChannel;
  /** Present when this start had to install something first. */
  install: InstallReport | undefined;
}

type LaunchOutcome =
  { kind: 'started'; client: AgentRpcClient; channel: ClientChannel } | { kind: 'needed'; needed: DeployNeeded };

const MAX_STDERR = 16 * 1024;

/**
 * Starts the agent as root over the session's exec channel and shakes hands. On a warm server this
 * is one exec; when the agent or runtime is missing, the same exec reports what the machine needs,
 * the installer puts it in place, and a second exec starts it.
 */
export async function startAgent(
  session: SshSession,
  access: RootAccess,
  artifacts: AgentArtifacts,
  options: { onDiagnostic?: (line: string) => void } = {},
): Promise<RunningAgent> {
  const first = await launch(session, access, artifacts, options.onDiagnostic);
  if (first.kind === 'started') return { client: first.client, channel: first.channel, install: undefined };
  const install = await installAgent(session, access, artifacts, first.needed);
  const second = await launch(session, access, artifacts, options.onDiagnostic);
  if (second.kind === 'needed') {
    throw new AppError('agent.startFailed', { detail: 'the agent was installed but its checksums still do not match' });
  }
  return { client: second.client, channel: second.channel, install };
}

async function launch(
  session: SshSession,
  access: RootAccess,
  artifacts: AgentArtifacts,
  onDiagnostic: ((line: string) => void) | undefined,
): Promise<LaunchOutcome> {
  const agent = await artifacts.agent();
  const shaFor = async (arch: RuntimeArch) =>
    artifacts.runtime(arch).then(
      ({ manifest }) => manifest.binary.sha256,
      () => 'not-shipped',
    );
  const { argv, stdinPrefix } = asRoot(
    [
      '/bin/sh',
      '-c',
      LAUNCH_SCRIPT,
      'mailharbor-launch',
      remoteNodePath(artifacts.nodeVersion),
      await shaFor('x64'),
      await shaFor('arm64'),
      remoteAgentPath(artifacts.appVersion, agent.sha256),
      agent.sha256,
    ],
    access,
  );
  const channel = await session.exec(argv);
  if (stdinPrefix) channel.write(stdinPrefix);

  let stderr = '';
  channel.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8');
  });
  const closed = new Promise<void>((resolve) => channel.once('close', () => resolve()));
  let marker: string | undefined;
  try {
    const client = await AgentRpcClient.connect(
      { fromAgent: channel, toAgent: channel },
      {
        helloTimeoutMs: 30_000,
        onDiagnostic: (line) => {
          // The client reports non-protocol lines with a prefix; the launcher's answer is one of them.
          if (line.includes(DEPLOY_NEEDED_MARKER)) marker = line.slice(line.indexOf(DEPLOY_NEEDED_MARKER));
          else onDiagnostic?.(line);
        },
      },
    );
    return { kind: 'started', client, channel };
  } catch (error) {
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000))]);
    const needed = marker ? parseDeployNeeded(marker) : undefined;
    if (needed) return { kind: 'needed', needed };
    channel.close();
    throw new AppError('agent.startFailed', {
      detail: `${(error as Error).message}${stderr ? `\n${stderr.trim()}` : ''}`.slice(0, 2000),
      retryable: true,
    });
  }
}
