// The certificates step ON a VPS of our own, with Debian's real certbot and the world's pebble and knot:
// the step is bundled from fixtures/certificates-step-entry.ts with esbuild, copied into the VPS with the
// Node 22 runtime and run there as root. Names live under unique labels of scratch.test (the zone tests
// may rewrite): A records for HTTP-01 point at the VPS; the manual DNS-01 TXT records are published when
// the step shows them, as a user would, and confirmed with the agent's own confirm function.
//
//   HTTP-01: issued by --standalone (nothing on port 80), copied into ssl/, deploy hook installed, renewal
//   switched to the webroot; a second run is already done; a renewal through the webroot (a plain HTTP
//   server on port 80 standing in for nginx) runs the deploy hook; with port 80 held, the step itself
//   issues through the webroot. Manual DNS-01: the domain and its wildcard, two TXT values under one name.
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPLOY_HOOK_SCRIPT } from '../../remote-agent/src/stack/certificates/deploy-hook.js';
import { certificateNames } from '../../common/stack/certificate-names.js';
import { CertificatesStatusSchema, type CertificatesStatus } from '../../common/certificates/certificates-contract.js';
import { createWorldContext } from '../world/context.js';
import type { AcmeState } from '../world/pieces/acme.js';
import { writeZone, zoneFile, type DnsState } from '../world/pieces/dns.js';
import { queryDns, rdata, txtValues } from '../world/pieces/dns/dns-query.js';
import { pieceState } from '../world/pieces/shared/piece-state.js';
import { run } from '../world/run.js';
import type { VpsState } from '../world/vps.js';
import { worldForTests } from '../world/world-inject.js';
import { agentFixtureVps } from '../support/agent-fixture-vps.js';

const world = worldForTests();
const acme = pieceState<AcmeState>(world, 'acme');
const dns = pieceState<DnsState>(world, 'dns');
const ctx = createWorldContext(world.stateDir, 'stack-certificates.test');

const REMOTE_BUNDLE = '/root/mailharbor-certificates-step.cjs';
const STACK_DIR = '/root/forwardemail.net/self-hosting';
const HTTP_PID_FILE = '/tmp/mh-acme-http.pid';
// Unique labels of the scratch zone, so parallel runs and other tests' names never meet.
const HTTP_DOMAIN = `c${process.pid}.scratch.test`;
const MANUAL_DOMAIN = `m${process.pid}.scratch.test`;
const MY_LABELS = new RegExp(`(^|\\.)(c|m)${process.pid}(\\s|$)`);

const ENVIRONMENT = {
  acme: { directoryUrl: acme.directoryUrl, caBundlePem: readFileSync(acme.apiCaBundle, 'utf8') },
  releaseFeedUrl: 'https://releases.example.test/latest',
  imageRegistry: '172.29.53.1:5000',
  dockerHubMirror: '172.29.53.1:5000',
  dockerAptRepository: 'https://download.example.test/linux',
};
const options = (domain: string, method: 'http' | 'manual') => ({
  domain,
  email: 'hostmaster@customer.test',
  profile: 'full',
  certificates: { method },
});

interface StepEvent {
  type: string;
  text?: string;
  records?: { name: string; value: string }[];
  before?: boolean;
  after?: boolean;
  plan?: { kind: string; target: string; action: string }[];
  error?: { code: string; detail?: string };
  fatal?: string;
  confirmed?: boolean;
}

const fixture = agentFixtureVps({
  name: `cert-${process.pid}`,
  entry: path.join(import.meta.dirname, 'fixtures', 'certificates-step-entry.ts'),
  remoteBundle: REMOTE_BUNDLE,
});
let vps: VpsState;

function docker(args: string[], timeoutMs = 60_000, input?: string) {
  return run('docker', args, { timeoutMs, input, allowFailure: true });
}

/** A fixed script run by sh in the VPS; values travel as positional parameters, never spliced in. */
async function sh(script: string, args: string[] = [], timeoutMs = 60_000): Promise<string> {
  const result = await docker(['exec', vps.container, 'sh', '-c', script, 'sh', ...args], timeoutMs);
  if (result.code !== 0) throw new Error(`${script} (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function parseEvents(stdout: string): StepEvent[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as StepEvent);
}

/** The step on the VPS, to its end; its events (logs, then the result last). */
async function runStep(mode: 'run' | 'check' | 'plan', jobId: string, stepOptions: object): Promise<StepEvent[]> {
  const input = JSON.stringify({ mode, jobId, options: stepOptions, environment: ENVIRONMENT });
  const result = await docker(['exec', '-i', vps.container, 'node', REMOTE_BUNDLE], 8 * 60_000, input);
  const events = parseEvents(result.stdout);
  const last = events.at(-1);
  if (last?.type !== 'result' || last.fatal || last.error) {
    throw new Error(`step ${mode} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return events;
}

const logsOf = (events: StepEvent[]) => events.filter((event) => event.type === 'log').map((event) => event.text ?? '');
const resultOf = (events: StepEvent[]) => events.at(-1)!;

/**
 * The bundle on the VPS with `args` (and `input` on stdin), followed until it shows the TXT records it
 * waits for: `waiting` resolves with that event, `ended` with the exit code; `output()` is stdout so far.
 */
function startUntilWaiting(args: string[], input = '') {
  const child = spawn('docker', ['exec', '-i', vps.container, 'node', REMOTE_BUNDLE, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 6 * 60_000);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const waiting = new Promise<StepEvent>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = parseEvents(stdout.slice(0, stdout.lastIndexOf('\n') + 1)).find(
        (event) => event.type === 'waiting',
      );
      if (found) resolve(found);
    });
    child.on('close', () => reject(new Error(`it ended without waiting:\n${stdout}\n${stderr}`)));
  });
  const ended = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdin.end(input);
  const stop = () => {
    clearTimeout(killer);
    child.kill('SIGKILL');
  };
  return { waiting, ended, output: () => stdout, stop };
}

/** The user publishes the challenge's TXT values under the manual domain (replacing older ones). */
async function publishChallenge(records: { name: string; value: string }[]): Promise<void> {
  const owner = `_acme-challenge.${MANUAL_DOMAIN.replace(/\.scratch\.test$/, '')}`;
  await editScratchZone((lines) => [
    ...lines.filter((line) => !MY_LABELS.test(line.split(/\s/)[0] ?? '')),
    ...records.map((record) => `${owner} 60 TXT "${record.value}"`),
  ]);
}

/** Rewrites scratch.test keeping every other test's records; `edit` sees the record lines only. */
async function editScratchZone(edit: (lines: string[]) => string[]): Promise<void> {
  const current = readFileSync(zoneFile(ctx, 'scratch.test'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !/^\$(ORIGIN|TTL)\b/.test(line) && !/\sSOA\s/.test(line))
    .filter((line) => !/^@\s+(\d+\s+)?(IN\s+)?NS\s/.test(line));
  await writeZone(ctx, 'scratch.test', `${edit(current).join('\n')}\n`);
}

/** The A records of every HTTP-01 name, pointing at our VPS (re-published if another test reset the zone). */
async function publishHttpNames(): Promise<void> {
  const answer = await queryDns({
    server: dns.loopback.host,
    port: dns.loopback.port,
    name: `api.${HTTP_DOMAIN}`,
    type: 'A',
  });
  if (rdata(answer, 'A')[0] === vps.ip) return;
  const relative = certificateNames('http', HTTP_DOMAIN).map((name) => name.replace(/\.scratch\.test$/, ''));
  await editScratchZone((lines) => [
    ...lines.filter((line) => !MY_LABELS.test(line.split(/\s/)[0] ?? '')),
    ...relative.map((label) => `${label} 60 A ${vps.ip}`),
  ]);
}

async function fileOnVps(file: string): Promise<string> {
  return sh('cat "$1"', [file]);
}

function leafOf(fullchain: string): X509Certificate {
  return new X509Certificate(fullchain);
}

const sanNames = (certificate: X509Certificate) =>
  (certificate.subjectAltName ?? '')
    .split(', ')
    .map((entry) => entry.replace(/^DNS:/, ''))
    .sort();

describe('the certificates step with certbot and pebble', { timeout: 10 * 60_000 }, () => {
  beforeAll(async () => {
    ({ vps } = await fixture.start());
    // Debian's certbot, as the packages step installs it (python3 comes with it)
    await sh(
      'apt-get -o DPkg::Lock::Timeout=300 update -q && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends certbot',
      [],
      400_000,
    );
    await publishHttpNames();
  }, 9 * 60_000);

  afterAll(async () => {
    await fixture.remove().catch(() => undefined);
    await editScratchZone((lines) => lines.filter((line) => !MY_LABELS.test(line.split(/\s/)[0] ?? ''))).catch(
      () => undefined,
    );
  }, 120_000);

  it('HTTP-01 before the stack runs: --standalone, every name, ssl/ copies, deploy hook, webroot renewals', async () => {
    const events = await runStep('run', 'j-cert-http-0001', options(HTTP_DOMAIN, 'http'));
    expect(resultOf(events)).toMatchObject({ before: false, after: true });
    const logs = logsOf(events);
    expect(logs).toContain('port 80 is free: certbot answers the HTTP-01 challenges itself (--standalone)');
    expect(logs.some((line) => line.startsWith('certbot certonly ') && line.includes(' --standalone '))).toBe(true);

    const live = await fileOnVps(`/etc/letsencrypt/live/${HTTP_DOMAIN}/fullchain.pem`);
    const leaf = leafOf(live);
    expect(sanNames(leaf)).toEqual(certificateNames('http', HTTP_DOMAIN).sort());
    expect(await fileOnVps(`${STACK_DIR}/ssl/fullchain.pem`)).toBe(live);
    expect(
      await sh('cd "$1" && stat -c "%a %F %n" privkey.pem fullchain.pem chain.pem cert.pem', [`${STACK_DIR}/ssl`]),
    ).toBe(
      '600 regular file privkey.pem\n644 regular file fullchain.pem\n644 regular file chain.pem\n644 regular file cert.pem\n',
    );
    expect(await fileOnVps(`${STACK_DIR}/mailharbor-deploy-certs.sh`)).toBe(DEPLOY_HOOK_SCRIPT);
    expect(await sh('stat -c %a "$1"', [`${STACK_DIR}/mailharbor-deploy-certs.sh`])).toBe('700\n');
    const renewal = await fileOnVps(`/etc/letsencrypt/renewal/${HTTP_DOMAIN}.conf`);
    expect(renewal).toContain('authenticator = webroot\n');
    expect(renewal).toContain(`webroot_path = ${STACK_DIR}/acme-webroot,\n`);
    expect(renewal).toContain(`server = ${acme.directoryUrl}\n`);
    expect(renewal).toContain(`renew_hook = ${STACK_DIR}/mailharbor-deploy-certs.sh\n`);
  });

  it('a second run finds it done and asks for no new certificate', async () => {
    const before = await fileOnVps(`/etc/letsencrypt/live/${HTTP_DOMAIN}/fullchain.pem`);
    const events = await runStep('run', 'j-cert-http-0002', options(HTTP_DOMAIN, 'http'));
    expect(resultOf(events)).toEqual({ type: 'result', before: true });
    expect(await fileOnVps(`/etc/letsencrypt/live/${HTTP_DOMAIN}/fullchain.pem`)).toBe(before);
    const plan = resultOf(await runStep('plan', 'j-cert-http-0003', options(HTTP_DOMAIN, 'http'))).plan!;
    expect(plan.filter((change) => change.action !== 'keep')).toEqual([]);
    expect(plan[0]).toMatchObject({ kind: 'certificate', target: certificateNames('http', HTTP_DOMAIN).join(', ') });
  });

  it('with port 80 held (nginx stands in): renewal through the webroot runs the deploy hook, and the step issues by --webroot', async () => {
    await publishHttpNames();
    // A plain HTTP server over the webroot answers as nginx's /.well-known/acme-challenge/ location does.
    await sh('mkdir -p "$1"', [`${STACK_DIR}/acme-webroot`]);
    await docker([
      'exec',
      '-d',
      vps.container,
      'sh',
      '-c',
      'echo $$ > "$1"; exec python3 -m http.server 80 --directory "$2"',
      'sh',
      HTTP_PID_FILE,
      `${STACK_DIR}/acme-webroot`,
    ]);
    try {
      await sh(
        'for i in $(seq 1 50); do grep -Eq ":0050 [0-9A-F]+:0000 0A" /proc/net/tcp /proc/net/tcp6 && exit 0; sleep 0.2; done; exit 1',
      );
      const copied = await fileOnVps(`${STACK_DIR}/ssl/fullchain.pem`);
      await sh(
        // no random delay: certbot adds up to 8 minutes to a renew that does not run on a terminal
        'REQUESTS_CA_BUNDLE="$1" timeout 170 certbot renew --cert-name "$2" --force-renewal --non-interactive --no-random-sleep-on-renew',
        ['/etc/mailharbor/acme-ca.pem', HTTP_DOMAIN],
        180_000,
      );
      const renewed = await fileOnVps(`${STACK_DIR}/ssl/fullchain.pem`);
      expect(renewed).not.toBe(copied);
      expect(renewed).toBe(await fileOnVps(`/etc/letsencrypt/live/${HTTP_DOMAIN}/fullchain.pem`));
      expect(await sh('stat -c %a "$1"', [`${STACK_DIR}/ssl/privkey.pem`])).toBe('600\n');

      // Gone from certbot: the step must issue again, now through the webroot.
      await sh('timeout 60 certbot delete --cert-name "$1" --non-interactive', [HTTP_DOMAIN]);
      const events = await runStep('run', 'j-cert-http-0004', options(HTTP_DOMAIN, 'http'));
      expect(resultOf(events)).toMatchObject({ before: false, after: true });
      const logs = logsOf(events);
      expect(logs.some((line) => /^port 80 is held by python3/.test(line))).toBe(true);
      expect(logs.some((line) => line.includes(` --webroot -w ${STACK_DIR}/acme-webroot `))).toBe(true);
      expect(await fileOnVps(`${STACK_DIR}/ssl/fullchain.pem`)).toBe(
        await fileOnVps(`/etc/letsencrypt/live/${HTTP_DOMAIN}/fullchain.pem`),
      );
    } finally {
      await sh('kill "$(cat "$1")"', [HTTP_PID_FILE]).catch(() => undefined);
    }
  });

  it('manual DNS-01: both TXT values under one name are shown, published, confirmed; the wildcard is issued', async () => {
    const jobId = 'j-cert-manual-0001';
    const input = JSON.stringify({
      mode: 'run',
      jobId,
      options: options(MANUAL_DOMAIN, 'manual'),
      environment: ENVIRONMENT,
    });
    const { waiting, ended, output, stop } = startUntilWaiting([], input);
    try {
      const { records } = await waiting;
      expect(records).toHaveLength(2);
      expect(new Set(records!.map((record) => record.name))).toEqual(new Set([`_acme-challenge.${MANUAL_DOMAIN}`]));
      expect(records![0]!.value).not.toBe(records![1]!.value);

      // The user publishes both values side by side, then confirms in the app.
      await publishChallenge(records!);
      const txt = await queryDns({
        server: dns.loopback.host,
        port: dns.loopback.port,
        name: `_acme-challenge.${MANUAL_DOMAIN}`,
        type: 'TXT',
      });
      expect(txtValues(txt).sort()).toEqual(records!.map((record) => record.value).sort());
      const confirm = await docker(['exec', vps.container, 'node', REMOTE_BUNDLE, 'confirm', jobId]);
      expect(parseEvents(confirm.stdout)).toEqual([{ type: 'confirmed', confirmed: true }]);

      expect(await ended).toBe(0);
    } finally {
      stop();
    }
    expect(resultOf(parseEvents(output()))).toMatchObject({ before: false, after: true });
    const leaf = leafOf(await fileOnVps(`/etc/letsencrypt/live/${MANUAL_DOMAIN}/fullchain.pem`));
    expect(sanNames(leaf)).toEqual([`*.${MANUAL_DOMAIN}`, MANUAL_DOMAIN].sort());
    expect(await sh('ls -A /var/lib/mailharbor/dns-challenge')).toBe('');
    // nothing waits any more: a late confirmation finds no challenge
    const late = await docker(['exec', vps.container, 'node', REMOTE_BUNDLE, 'confirm', jobId]);
    expect(parseEvents(late.stdout)).toEqual([{ type: 'confirmed', confirmed: false }]);
  });

  it('the certificates panel reads both: names, issuer, dates, how each renews, the mail domain first', async () => {
    // The install's .env names the mail domain; its certificate comes first and is checked for every name.
    await sh('printf "DOMAIN=%s\\n" "$1" > "$2/.env"', [HTTP_DOMAIN, STACK_DIR]);
    const readStatus = async () => {
      const result = await docker(['exec', vps.container, 'node', REMOTE_BUNDLE, 'status']);
      const event = parseEvents(result.stdout).find((line) => line.type === 'status') as
        (StepEvent & { status: CertificatesStatus }) | undefined;
      if (!event) throw new Error(`no status (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
      return CertificatesStatusSchema.parse(event.status);
    };
    const status = await readStatus();
    expect(status.domain).toBe(HTTP_DOMAIN);
    const http = leafOf(await fileOnVps(`/etc/letsencrypt/live/${HTTP_DOMAIN}/fullchain.pem`));
    const manual = leafOf(await fileOnVps(`/etc/letsencrypt/live/${MANUAL_DOMAIN}/fullchain.pem`));
    const mine = status.certificates.filter((info) => [HTTP_DOMAIN, MANUAL_DOMAIN].includes(info.certName));
    expect(status.certificates[0]!.certName).toBe(HTTP_DOMAIN);
    expect(mine).toEqual([
      {
        certName: HTTP_DOMAIN,
        names: expect.arrayContaining(certificateNames('http', HTTP_DOMAIN)),
        issuer: /CN=([^\n]+)/.exec(http.issuer)![1],
        notBefore: new Date(http.validFrom).toISOString(),
        notAfter: new Date(http.validTo).toISOString(),
        method: 'http-01',
        missingNames: [],
      },
      {
        certName: MANUAL_DOMAIN,
        names: expect.arrayContaining([MANUAL_DOMAIN, `*.${MANUAL_DOMAIN}`]),
        issuer: /CN=([^\n]+)/.exec(manual.issuer)![1],
        notBefore: new Date(manual.validFrom).toISOString(),
        notAfter: new Date(manual.validTo).toISOString(),
        method: 'manual-dns',
        missingNames: [],
      },
    ]);
    expect(status.certificates[0]!.issuer).toMatch(/^Pebble Intermediate CA/);
    // Debian's certbot package renews from /etc/cron.d/certbot where systemd does not run (the world's
    // VPS runs cron, no systemd); without that entry nothing renews.
    expect(status.autoRenew).toBe('cron');
    await sh('mv /etc/cron.d/certbot /root/certbot.cron');
    try {
      expect((await readStatus()).autoRenew).toBe('none');
    } finally {
      await sh('mv /root/certbot.cron /etc/cron.d/certbot');
    }
  });

  it('renews the manual-DNS certificate from the panel: new TXT values shown, published, confirmed; a new serial', async () => {
    const before = leafOf(await fileOnVps(`/etc/letsencrypt/live/${MANUAL_DOMAIN}/fullchain.pem`));
    const jobId = 'j-cert-renew-manual-0001';
    const { waiting, ended, output, stop } = startUntilWaiting(['renew', MANUAL_DOMAIN, jobId]);
    try {
      const { records } = await waiting;
      expect(records).toHaveLength(2);
      expect(new Set(records!.map((record) => record.name))).toEqual(new Set([`_acme-challenge.${MANUAL_DOMAIN}`]));
      // certbot asks for new values: the ones published for the first certificate would not do.
      const published = txtValues(
        await queryDns({
          server: dns.loopback.host,
          port: dns.loopback.port,
          name: `_acme-challenge.${MANUAL_DOMAIN}`,
          type: 'TXT',
        }),
      );
      for (const record of records!) expect(published).not.toContain(record.value);
      await publishChallenge(records!);
      const confirm = await docker(['exec', vps.container, 'node', REMOTE_BUNDLE, 'confirm', jobId]);
      expect(parseEvents(confirm.stdout)).toEqual([{ type: 'confirmed', confirmed: true }]);
      expect(await ended).toBe(0);
    } finally {
      stop();
    }
    expect(parseEvents(output()).at(-1)).toEqual({ type: 'renewed', ok: true });
    const after = leafOf(await fileOnVps(`/etc/letsencrypt/live/${MANUAL_DOMAIN}/fullchain.pem`));
    expect(after.serialNumber).not.toBe(before.serialNumber);
    expect(sanNames(after)).toEqual(sanNames(before));
    expect(await sh('ls -A /var/lib/mailharbor/dns-challenge')).toBe('');
    const result = await docker(['exec', vps.container, 'node', REMOTE_BUNDLE, 'status']);
    const status = parseEvents(result.stdout).find((line) => line.type === 'status') as
      (StepEvent & { status: CertificatesStatus }) | undefined;
    const info = CertificatesStatusSchema.parse(status?.status).certificates.find((c) => c.certName === MANUAL_DOMAIN);
    expect(info?.lastRenewal).toMatchObject({
      outcome: 'renewed',
      jobId,
      serialBefore: before.serialNumber,
      serialAfter: after.serialNumber,
    });
    expect(info?.notAfter).toBe(new Date(after.validTo).toISOString());
  });
});
