// Benchmark: from "connect" to a ready agent (SSH handshake, host key check, login, one exec that
// starts the agent as root, JSON-RPC handshake) on a warm VPS, against OpenSSH's own `ssh host true`
// measured in the same run; and the bytes a first deploy uploads (runtime + agent).
//   node_modules/.bin/tsx bench/agent-connect.ts [rounds]
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startAgent } from '../electron/agent/agent-launcher.js';
import { KnownHostsStore } from '../electron/ssh/known-hosts-store.js';
import { SshSession } from '../electron/ssh/ssh-session.js';
import { builtArtifacts } from '../test/support/test-environment.js';
import { consoleRun } from '../test/support/vps-admin.js';
import { readWorld } from '../test/world/world.js';

const execFileAsync = promisify(execFile);
const rounds = Number(process.argv[2] ?? 10);
const artifacts = builtArtifacts();
const world = readWorld();
const vps = world.vps.vps1!;
const privateKey = await readFile(world.ssh.privateKeyPath, 'utf8');
const knownHosts = new KnownHostsStore(await mkdtemp(path.join(tmpdir(), 'mailharbor-bench-')));

async function agentReady(): Promise<{ ms: number; uploaded: number }> {
  const started = performance.now();
  const session = new SshSession({
    target: { host: vps.sshHost, port: vps.sshPort, username: 'root' },
    auth: { method: 'privateKey', privateKey },
    knownHosts,
    userKnownHostsFile: undefined,
    confirmHostKey: async () => true,
    reconnectDelaysMs: [],
  });
  await session.connect();
  const agent = await startAgent(session, { kind: 'root' }, artifacts);
  const ms = performance.now() - started;
  agent.client.close();
  session.close();
  return { ms, uploaded: agent.install?.uploadedBytes ?? 0 };
}

async function opensshTrue(): Promise<number> {
  const started = performance.now();
  await execFileAsync('ssh', [
    '-i',
    world.ssh.privateKeyPath,
    '-p',
    String(vps.sshPort),
    '-o',
    `UserKnownHostsFile=${vps.knownHostsPath}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    `root@${vps.sshHost}`,
    'true',
  ]);
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

// First deploy: a server without Mailharbor (the world's VPS has no xz, so the gzip runtime goes up).
await consoleRun(vps, ['rm', '-rf', '/opt/mailharbor']);
const cold = await agentReady();
await consoleRun(vps, ['sh', '-c', '(apt-get update -qq && apt-get install -y -qq xz-utils) >/dev/null 2>&1 || true']);
const hasXz = (await consoleRun(vps, ['sh', '-c', 'command -v xz || true'])).trim() !== '';
let coldXz: { ms: number; uploaded: number } | undefined;
if (hasXz) {
  await consoleRun(vps, ['rm', '-rf', '/opt/mailharbor']);
  coldXz = await agentReady();
}

await agentReady(); // warm-up
const ours: number[] = [];
const theirs: number[] = [];
for (let round = 0; round < rounds; round++) {
  theirs.push(await opensshTrue());
  ours.push((await agentReady()).ms);
}
const ratio = median(ours) / median(theirs);
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
console.log(`first deploy (gzip runtime): ${mb(cold.uploaded)} MB uploaded in ${cold.ms.toFixed(0)} ms`);
if (coldXz)
  console.log(
    `first deploy (xz runtime):   ${mb(coldXz.uploaded)} MB uploaded in ${coldXz.ms.toFixed(0)} ms (target < 35 MB)`,
  );
console.log(`warm connect to ready agent: median ${median(ours).toFixed(0)} ms over ${rounds} rounds`);
console.log(`baseline ssh host true:      median ${median(theirs).toFixed(0)} ms`);
console.log(`ratio: ${ratio.toFixed(2)} (target at most 2.5)`);
