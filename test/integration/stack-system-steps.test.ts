// The install's system steps (docker, packages, firewall, resolver) run for real ON a fresh VPS of
// our own: the steps are bundled with esbuild from fixtures/system-steps-entry.ts, copied into the
// VPS with the Node 22 runtime, and run there as root. Docker's repository cannot be used, so the
// test proves the fallback to Debian's docker.io + docker-compose (v1) and that the failed source
// is removed again; the VPS has no systemd, so dockerd is started detached and must outlive the
// process that started it. The firewall must end up active with SSH still reachable.
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vpsExec, type VpsSshTarget } from '../world/vps-ssh.js';
import { agentFixtureVps } from '../support/agent-fixture-vps.js';

const REMOTE_BUNDLE = '/root/mailharbor-system-steps.cjs';

const OPTIONS = {
  domain: 'example.com',
  email: 'postmaster@example.com',
  profile: 'full',
  certificates: { method: 'http' },
};
/** The world network's gateway: this test host as the VPS sees it. */
const GATEWAY = '172.29.53.1';
const FAKE_KEY =
  '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBFit2ioBEADhWpZ8/wvZ6hUTiXOwQHXMAlaFHcPH9hAtr4F1y2+OYdbtMuth\n-----END PGP PUBLIC KEY BLOCK-----\n';
const ENVIRONMENT = {
  acme: { directoryUrl: 'https://acme.example.test/directory' },
  releaseFeedUrl: 'https://feed.example.test/latest',
  imageRegistry: '172.29.53.1:5000',
  dockerHubMirror: '172.29.53.1:5000',
  // Nothing listens there (and fetch refuses port 9 outright): the plan still names the repository.
  dockerAptRepository: 'http://127.0.0.1:9/linux',
};
/**
 * For the install: a stand-in of Docker's repository that serves a key and nothing else, so the
 * source file and key are written, `apt-get update` fails on the missing Release file, and the
 * step must remove both again before falling back.
 */
let brokenRepository: Server;
const repositoryRequests: string[] = [];
let installEnvironment = ENVIRONMENT;
const SYSTEM_STEPS = ['resolver', 'docker', 'packages', 'firewall'];

interface StepOutcome {
  id: string;
  applies: boolean;
  before?: boolean;
  after?: boolean;
  plan?: { kind: string; target: string; action: string }[];
  error?: { code: string; detail?: string };
}
interface StepsRun {
  outcomes: StepOutcome[];
  logs: string[];
  raw: string;
}

const fixture = agentFixtureVps({
  name: `sys-${process.pid}`,
  entry: path.join(import.meta.dirname, 'fixtures', 'system-steps-entry.ts'),
  remoteBundle: REMOTE_BUNDLE,
});
let root: VpsSshTarget;

function sh(script: string, timeoutMs = 60_000) {
  return vpsExec(root, script, { timeoutMs, allowFailure: true });
}

/** Runs the bundled steps on the VPS and returns each step's outcome and every log line. */
async function runSteps(
  mode: 'run' | 'check' | 'plan',
  steps: string[],
  options: object = OPTIONS,
  environment: object = ENVIRONMENT,
): Promise<StepsRun> {
  const input = JSON.stringify({ mode, steps, options, environment });
  const result = await vpsExec(root, `node ${REMOTE_BUNDLE}`, { timeoutMs: 9 * 60_000, input, allowFailure: true });
  const events = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { type: string; text?: string; outcomes?: StepOutcome[]; fatal?: string });
  const last = events.at(-1);
  if (!last?.outcomes)
    throw new Error(`steps ended without a result (exit ${result.code}):\n${result.stderr}\n${last?.fatal ?? ''}`);
  const logs = events.filter((event) => event.type === 'log').map((event) => event.text ?? '');
  return { outcomes: last.outcomes, logs, raw: result.stdout };
}

function outcome(run: StepsRun, id: string): StepOutcome {
  const found = run.outcomes.find((entry) => entry.id === id);
  expect(found, `${id} in ${JSON.stringify(run.outcomes)}`).toBeDefined();
  return found!;
}

describe('system steps on a fresh VPS', { timeout: 10 * 60_000 }, () => {
  beforeAll(async () => {
    brokenRepository = createServer((request, response) => {
      repositoryRequests.push(request.url ?? '');
      if (request.url === '/linux/debian/gpg') response.writeHead(200).end(FAKE_KEY);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve, reject) => {
      brokenRepository.once('error', reject);
      brokenRepository.listen(0, GATEWAY, resolve);
    });
    const port = (brokenRepository.address() as { port: number }).port;
    installEnvironment = { ...ENVIRONMENT, dockerAptRepository: `http://${GATEWAY}:${port}/linux` };
    ({ root } = await fixture.start());
  }, 5 * 60_000);

  afterAll(async () => {
    await fixture.remove();
    await new Promise((resolve) => brokenRepository?.close(resolve));
  }, 120_000);

  it('plans Docker from its repository, the packages and the firewall, and changes nothing', async () => {
    const planned = await runSteps('plan', SYSTEM_STEPS);
    expect(outcome(planned, 'resolver').applies).toBe(false);
    const docker = outcome(planned, 'docker').plan ?? [];
    expect(docker).toContainEqual(
      expect.objectContaining({ target: '/etc/apt/sources.list.d/docker.list', action: 'create' }),
    );
    expect(docker).toContainEqual(expect.objectContaining({ kind: 'package', target: 'docker-ce', action: 'install' }));
    expect(outcome(planned, 'packages').plan).toEqual([
      { kind: 'package', target: 'certbot', action: 'install' },
      { kind: 'package', target: 'ufw', action: 'install' },
    ]);
    const firewall = outcome(planned, 'firewall').plan ?? [];
    expect(firewall[0]).toMatchObject({ kind: 'firewall', target: '22/tcp', action: 'create' });
    expect(firewall.at(-1)).toMatchObject({ target: 'ufw', action: 'start' });
    const untouched = await sh('command -v docker ufw certbot; ls /etc/apt/sources.list.d/');
    expect(untouched.stdout).not.toMatch(/docker|ufw|certbot/);
  });

  it("installs Debian's Docker after Docker's repository fails, then certbot and ufw, and enables the firewall", async () => {
    const first = await runSteps('run', SYSTEM_STEPS, OPTIONS, installEnvironment);
    for (const id of ['docker', 'packages', 'firewall']) {
      const step = outcome(first, id);
      expect(step.error, `${id}: ${JSON.stringify(step.error)}`).toBeUndefined();
      expect(step.before, id).toBe(false);
      expect(step.after, id).toBe(true);
    }
    const log = first.logs.join('\n');
    expect(log).toContain('wrote /etc/apt/sources.list.d/docker.list and /etc/apt/keyrings/docker.asc');
    expect(log).toContain("Docker's repository could not be used");
    expect(log).toContain('removed /etc/apt/sources.list.d/docker.list and /etc/apt/keyrings/docker.asc again');
    // apt really tried the source we wrote, with the VPS's suite.
    expect(repositoryRequests).toContain('/linux/debian/gpg');
    expect(repositoryRequests.some((url) => url.startsWith('/linux/debian/dists/bookworm/'))).toBe(true);
    expect(log).toMatch(/Setting up docker\.io/);
    expect(log).toMatch(/Setting up docker-compose/);
    expect(log).toContain('no systemd: starting dockerd in the background');
    expect(log).toMatch(/SSH ports: 22 /);
  });

  it('left Docker running on its own, compose v1 working and no trace of the failed repository', async () => {
    // The process that started dockerd has exited: the daemon must not have gone with it.
    const docker = await sh('docker info --format "{{.ServerVersion}}" && docker-compose version --short');
    expect(docker.code, docker.stderr).toBe(0);
    expect(docker.stdout).toMatch(/^\d+\.\d+.*\n1\.\d+/);
    const leftovers = await sh('ls /etc/apt/sources.list.d/docker.list /etc/apt/keyrings/docker.asc 2>&1; true');
    expect(leftovers.stdout.match(/No such file or directory/g)).toHaveLength(2);
    const installed = await sh("dpkg-query -W -f '${Package} ${Status}\\n' certbot ufw docker.io docker-compose");
    expect(installed.stdout.trim().split('\n')).toHaveLength(4);
    expect(installed.stdout).not.toMatch(/not-installed|config-files/);
  });

  it('enabled ufw with SSH and the mail ports open, and SSH still connects', async () => {
    const status = await sh('ufw status');
    expect(status.stdout).toContain('Status: active');
    for (const port of [22, 25, 80, 443, 465, 993, 995]) {
      expect(status.stdout).toMatch(new RegExp(`^${port}/tcp\\s+ALLOW\\s+Anywhere`, 'm'));
    }
    // A new connection, through the firewall (the earlier ones were already established).
    const again = await vpsExec(root, 'true', { timeoutMs: 30_000 });
    expect(again.code).toBe(0);
  });

  it('finds every step done on a second run, so a resumed install skips them', async () => {
    const second = await runSteps('check', SYSTEM_STEPS);
    for (const id of ['docker', 'packages', 'firewall']) expect(outcome(second, id).before, id).toBe(true);
    const replanned = await runSteps('plan', SYSTEM_STEPS);
    expect(outcome(replanned, 'docker').plan).toEqual([expect.objectContaining({ target: 'docker', action: 'keep' })]);
    expect(outcome(replanned, 'firewall').plan?.every((change) => change.action === 'keep')).toBe(true);
    // And run() again on a done server changes nothing and fails nothing.
    const rerun = await runSteps('run', SYSTEM_STEPS, OPTIONS, installEnvironment);
    expect(rerun.outcomes.every((step) => !step.error && step.after === undefined)).toBe(true);
  });

  it('changes the nameservers only when chosen, keeping the old resolv.conf', async () => {
    const before = (await sh('cat /etc/resolv.conf')).stdout;
    const resolver = { nameservers: ['192.0.2.53', '2001:db8::53'] };
    const changed = await runSteps('run', ['resolver'], { ...OPTIONS, resolver });
    const step = outcome(changed, 'resolver');
    expect(step.error).toBeUndefined();
    expect([step.before, step.after]).toEqual([false, true]);
    const after = await sh('cat /etc/resolv.conf; echo ---; cat /etc/resolv.conf.mailharbor-backup');
    const [current, backup] = after.stdout.split('---\n');
    expect(current).toMatch(/^nameserver 192\.0\.2\.53\nnameserver 2001:db8::53$/m);
    expect(backup).toBe(before);
    expect(outcome(await runSteps('check', ['resolver'], { ...OPTIONS, resolver }), 'resolver').before).toBe(true);
  });
});
