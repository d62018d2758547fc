// The dashboard through the app's real backend (contract over the web transport) and the real agent,
// on a fresh VPS of its own with the stack installed the way the app installs it (stack.install with
// the world's outside addresses). Then: a container stopped from outside shows as stopped through
// stack.watch within 2 s; stack.control restarts it and it is healthy again; logs.follow delivers a
// service's lines in order; streams.stop ends the streams.
import type { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateWarnings } from '../../common/certificates/certificates-contract.js';
import type { EventFrame } from '../../electron/contract/wire.js';
import type { ServiceStatus, StackStatus } from '../../common/dashboard/dashboard-contract.js';
import { startBackendWithClient, type TestBackend } from '../support/backend.js';
import { printNumberedLines } from '../support/service-output.js';
import { followJobToEnd, installStack } from '../support/stack-install-calls.js';
import { worldStackEnvironment } from '../support/stack-environment.js';
import { addWorldServer, worldVpsDomain } from '../support/world-server.js';
import { openTestClient, type TestRpcClient } from '../support/ws-test-client.js';
import { createWorldContext } from '../world/context.js';
import { resetZone } from '../world/pieces/dns.js';
import { vpsAdmin, vpsRemove } from '../world/vps-admin.js';
import { vpsExec, type VpsSshTarget } from '../world/vps-ssh.js';
import type { VpsState } from '../world/vps.js';
import { worldForTests } from '../world/world-inject.js';

const world = worldForTests();
const VPS = `dashboard-${process.pid}`;

let vps: VpsState;
let rootShell: VpsSshTarget;
let backend: TestBackend;
let client: TestRpcClient;
let serverId: string;

function sh(script: string, timeoutMs = 60_000) {
  return vpsExec(rootShell, script, { timeoutMs });
}

function framesOf<T>(name: string, from = 0): T[] {
  return client.frames
    .slice(from)
    .filter((frame: EventFrame) => frame.name === name)
    .map((frame) => frame.payload as T);
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
}

beforeAll(async () => {
  vps = await vpsAdmin('reset', VPS);
  rootShell = { vps, key: world.ssh, user: 'root' };
  const domain = worldVpsDomain(vps);
  await resetZone(createWorldContext(world.stateDir, 'dashboard-backend.test'), 'mailharbor.test');
  ({ backend, client } = await startBackendWithClient({
    stackEnvironment: worldStackEnvironment(world),
  }));
  const added = await addWorldServer(client, world, vps, 'Dashboard VPS');
  expect(added.status).toBe('connected');
  serverId = added.id;
  expect(await installStack(client, serverId, domain)).toBe('succeeded');
}, 15 * 60_000);

afterAll(async () => {
  client?.close();
  await backend?.stop();
  await vpsRemove(VPS).catch(() => {});
}, 180_000);

describe('the dashboard through the backend', { timeout: 5 * 60_000 }, () => {
  it('reads every service running and healthy, with image, ports and the summary', async () => {
    const status = await client.callOk('stack.status', { serverId });
    expect(status.installed).toBe(true);
    expect(status.services).toHaveLength(15);
    for (const service of status.services) {
      expect(service.state, service.service).toBe('running');
      expect(['healthy', 'none']).toContain(service.health);
      expect(service.image).toBeTruthy();
    }
    expect(status.summary.id).toBe('allHealthy');
    expect(status.services.find((service) => service.service === 'mx')?.ports.map((port) => port.port)).toContain(25);
  });

  it('shows a container stopped from outside as stopped within 2 s, and stack.control brings it back healthy', async () => {
    type Changed = { streamId: string; event: { type: string; services?: ServiceStatus[]; status?: StackStatus } };
    const from = client.frames.length;
    const watch = client.call('stack.watch', { serverId, streamId: 'w1' });
    expect(
      await until(() => framesOf<Changed>('stack.changed', from).some((p) => p.event.type === 'snapshot'), 30_000),
    ).toBe(true);
    const imapOf = () =>
      framesOf<Changed>('stack.changed', from)
        .flatMap((p) => p.event.services ?? p.event.status?.services ?? [])
        .filter((service) => service.service === 'imap');

    await sh('docker stop imap');
    const stoppedAt = Date.now();
    expect(await until(() => imapOf().some((service) => service.state === 'exited'), 5_000)).toBe(true);
    expect(Date.now() - stoppedAt).toBeLessThan(2_000);
    const last = imapOf().at(-1)!;
    expect(last.expected).toBe(true);

    const { jobId } = await client.callOk('stack.control', { serverId, action: 'start', service: 'imap' });
    expect(await followJobToEnd(client, serverId, jobId)).toBe('succeeded');
    expect(
      await until(() => imapOf().at(-1)?.state === 'running' && imapOf().at(-1)?.health !== 'unhealthy', 10_000),
    ).toBe(true);
    const { jobId: restartJob } = await client.callOk('stack.control', {
      serverId,
      action: 'restart',
      service: 'imap',
    });
    expect(await followJobToEnd(client, serverId, restartJob)).toBe('succeeded');
    const after = await client.callOk('stack.status', { serverId });
    expect(after.services.find((service) => service.service === 'imap')).toMatchObject({
      state: 'running',
      health: 'healthy',
    });

    expect(await client.callOk('streams.stop', { streamId: 'w1' })).toEqual({ stopped: true });
    const ended = await watch;
    expect(ended).toEqual({ ok: true, value: { ended: 'stopped' } });
  });

  it('follows a service’s logs: the lines it writes arrive in order, then streams.stop ends the follow', async () => {
    type Lines = { streamId: string; skipped: number; lines: Array<{ type: string; lines?: string[] }> };
    const from = client.frames.length;
    const follow = client.call('logs.follow', {
      serverId,
      streamId: 'f1',
      services: ['imap'],
      tail: 5,
      timestamps: true,
    });
    expect(
      await until(
        () => framesOf<Lines>('logs.lines', from).some((p) => p.lines.some((e) => e.type === 'attached')),
        20_000,
      ),
    ).toBe(true);
    // Lines written into the container's own output (PID 1's stdout is what docker logs reads).
    await sh(`docker exec imap sh -c 'for i in $(seq 1 500); do echo "mh-line-$i"; done > /proc/1/fd/1'`);
    const marked = () =>
      framesOf<Lines>('logs.lines', from)
        .filter((p) => p.streamId === 'f1')
        .flatMap((p) => p.lines.flatMap((entry) => entry.lines ?? []))
        .filter((line) => line.startsWith('mh-line-'));
    expect(await until(() => marked().length >= 500, 20_000)).toBe(true);
    expect(marked()).toEqual(Array.from({ length: 500 }, (_, i) => `mh-line-${i + 1}`));
    expect(framesOf<Lines>('logs.lines', from).every((p) => p.skipped === 0)).toBe(true);

    expect(await client.callOk('streams.stop', { streamId: 'f1' })).toEqual({ stopped: true });
    const ended = await follow;
    expect(ended.ok).toBe(true);
    if (ended.ok) expect(ended.value).toMatchObject({ ended: 'stopped' });
  });

  it('carries 100,000 lines complete and in order while the window keeps up', async () => {
    type Lines = { streamId: string; skipped: number; lines: Array<{ type: string; lines?: string[] }> };
    // A window that acknowledges every event as soon as it arrives: the screen keeps up.
    const acking = (data: unknown) => {
      const message = JSON.parse(String(data)) as { type: string; frame?: { seq: number } };
      if (message.type === 'event' && message.frame) client.ack(message.frame.seq);
    };
    client.rawSocket.on('message', acking);
    const from = client.frames.length;
    const follow = client.call('logs.follow', {
      serverId,
      streamId: 'big',
      services: ['pop3'],
      tail: 1,
      timestamps: false,
    });
    try {
      expect(
        await until(
          () => framesOf<Lines>('logs.lines', from).some((p) => p.lines.some((e) => e.type === 'attached')),
          20_000,
        ),
      ).toBe(true);
      await sh(printNumberedLines('pop3', 'mh-big-', 100_000), 120_000);
      const marked = () =>
        framesOf<Lines>('logs.lines', from)
          .filter((p) => p.streamId === 'big')
          .flatMap((p) => p.lines.flatMap((entry) => entry.lines ?? []))
          .filter((line) => line.startsWith('mh-big-'));
      expect(await until(() => marked().length >= 100_000, 90_000)).toBe(true);
      const received = marked();
      const payloads = framesOf<Lines>('logs.lines', from).filter((p) => p.streamId === 'big');
      const firstWrong = received.findIndex((line, i) => line !== `mh-big-${i + 1}`);
      // On a failure, where the order broke and which markers (attach, detach, skipped) came with it.
      const markers = payloads.flatMap((p) => p.lines.filter((e) => e.type !== 'lines').map((e) => JSON.stringify(e)));
      const context = firstWrong < 0 ? [] : received.slice(Math.max(0, firstWrong - 2), firstWrong + 3);
      expect({ count: received.length, firstWrong, context, markers: markers.slice(0, 10) }).toEqual({
        count: 100_000,
        firstWrong: -1,
        context: [],
        markers: [JSON.stringify({ type: 'attached', service: 'pop3' })],
      });
      expect(payloads.every((p) => p.skipped === 0 && p.lines.every((e) => e.type !== 'skipped'))).toBe(true);
    } finally {
      await client.callOk('streams.stop', { streamId: 'big' });
      await follow;
      client.rawSocket.off('message', acking);
    }
  });

  it('under overload drops lines with a skipped count and stays responsive', async () => {
    type Lines = {
      streamId: string;
      skipped: number;
      lines: Array<{ type: string; lines?: string[]; count?: number }>;
    };
    // A second window that acknowledges nothing: its screen has stopped keeping up.
    const stuck = await openTestClient(backend.server);
    try {
      const follow = stuck.call('logs.follow', {
        serverId,
        streamId: 'stuck',
        services: ['pop3'],
        tail: 1,
        timestamps: false,
      });
      const linesOf = () =>
        stuck.frames.filter((frame) => frame.name === 'logs.lines').map((frame) => frame.payload as Lines);
      expect(await until(() => linesOf().some((p) => p.lines.some((e) => e.type === 'attached')), 20_000)).toBe(true);
      await sh(printNumberedLines('pop3', 'mh-flood-', 200_000), 120_000);
      // The app still answers other calls at once while this window is flooded.
      const started = Date.now();
      const status = await stuck.call('stack.status', { serverId });
      expect(status.ok).toBe(true);
      expect(Date.now() - started).toBeLessThan(5_000);
      // The screen catches up: everything so far acknowledged, and what could not be kept is counted.
      const skippedSoFar = () =>
        linesOf().reduce(
          (sum, p) =>
            sum + p.skipped + p.lines.filter((e) => e.type === 'skipped').reduce((n, e) => n + (e.count ?? 0), 0),
          0,
        );
      const ackAll = () => {
        const last = stuck.frames.at(-1);
        if (last) stuck.ack(last.seq);
      };
      expect(
        await until(() => {
          ackAll();
          return skippedSoFar() > 0;
        }, 30_000),
      ).toBe(true);
      const flood = linesOf()
        .flatMap((p) => p.lines.flatMap((entry) => entry.lines ?? []))
        .filter((line) => line.startsWith('mh-flood-'))
        .map((line) => Number(line.slice('mh-flood-'.length)));
      // What arrived is in order, without repeats; what did not is counted, never silently lost.
      expect(flood.every((n, i) => i === 0 || n > flood[i - 1]!)).toBe(true);
      expect(flood.length).toBeLessThan(200_000);
      await stuck.call('streams.stop', { streamId: 'stuck' });
      await follow;
    } finally {
      stuck.close();
    }
  });

  /** What a TLS client on the test host is served on `port` of the VPS for the mail domain. */
  function servedFromOutside(port: number): Promise<X509Certificate> {
    return new Promise((resolve, reject) => {
      const socket = tls.connect(
        { host: vps.ip, port, servername: worldVpsDomain(vps), rejectUnauthorized: false },
        () => {
          const leaf = socket.getPeerX509Certificate();
          socket.destroy();
          if (leaf) resolve(leaf);
          else reject(new Error(`no certificate on ${port}`));
        },
      );
      socket.setTimeout(10_000, () => socket.destroy(new Error(`no TLS handshake on ${port} within 10 s`)));
      socket.once('error', reject);
    });
  }
  const TLS_PORTS = [465, 993, 995, 443];

  async function renewNow(streamId: string) {
    const certName = worldVpsDomain(vps);
    const { jobId } = await client.callOk('jobs.start', {
      serverId,
      job: { kind: 'certificates.renew', params: { certName } },
    });
    const status = await followJobToEnd(client, serverId, jobId, streamId);
    // How long each step took, from the journal's own times (printed for the closing note).
    const events = client.frames
      .filter((frame) => frame.name === 'jobs.event')
      .map((frame) => frame.payload as { jobId: string; event: { type: string; step?: string; ts: string } })
      .filter((payload) => payload.jobId === jobId && payload.event.type.startsWith('step.'));
    const startedAt = new Map<string, number>();
    const took: string[] = [];
    for (const { event } of events) {
      if (event.type === 'step.started') startedAt.set(event.step!, Date.parse(event.ts));
      else if (startedAt.has(event.step!)) {
        took.push(`${event.step} ${((Date.parse(event.ts) - startedAt.get(event.step!)!) / 1000).toFixed(1)} s`);
      }
    }
    console.log(`certificates.renew ${streamId}: ${took.join(', ')}`);
    const certificates = await client.callOk('certificates.status', { serverId });
    return { status, own: certificates.certificates.find((info) => info.certName === certName)! };
  }

  it('"Renew now" gets a new certificate from the ACME server and every TLS port serves it; a port left on the old one is named', async () => {
    const before = await Promise.all(TLS_PORTS.map(servedFromOutside)).catch(async (error: unknown) => {
      const listening = await sh(
        'ss -ltn; docker ps --format "{{.Names}} {{.Status}}"; nft list ruleset 2>&1 | head -60',
      );
      throw new Error(`${String(error)}\n${listening.stdout}${listening.stderr}`);
    });
    expect(new Set(before.map((leaf) => leaf.serialNumber)).size).toBe(1);

    const first = await renewNow('renew1');
    expect(first.status).toBe('succeeded');
    const after = await Promise.all(TLS_PORTS.map(servedFromOutside));
    // Checked by TLS clients from outside the server, not by reading its files.
    for (const leaf of after) {
      expect(leaf.serialNumber).not.toBe(before[0]!.serialNumber);
      expect(leaf.fingerprint256).toBe(after[0]!.fingerprint256);
    }
    expect(first.own.lastRenewal).toMatchObject({
      outcome: 'renewed',
      serialBefore: before[0]!.serialNumber,
      serialAfter: after[0]!.serialNumber,
    });
    expect(first.own.lastRenewal?.served.map((check) => check.port).sort()).toEqual([...TLS_PORTS].sort());
    // The dates shown are the served certificate's.
    expect(first.own.notAfter).toBe(new Date(after[0]!.validTo).toISOString());
    expect(first.own.notBefore).toBe(new Date(after[0]!.validFrom).toISOString());
    expect(first.own.served?.every((check) => check.serves === 'this')).toBe(true);

    // IMAP started again with the previous certificate (certbot's archive keeps it): the panel names port 993.
    const domain = worldVpsDomain(vps);
    const stale = await sh(
      [
        'set -e',
        `archive=/etc/letsencrypt/archive/${domain}`,
        'ssl=/root/forwardemail.net/self-hosting/ssl',
        'cp "$archive/fullchain1.pem" "$ssl/fullchain.pem"; cp "$archive/cert1.pem" "$ssl/cert.pem"',
        'cp "$archive/privkey1.pem" "$ssl/privkey.pem"',
        'docker restart imap >/dev/null',
        // Listening again (state 0A) on 993, not a connection of an earlier probe still closing.
        'for i in $(seq 1 150); do grep -Eq ":03E1 [0-9A-F]+:0000 0A" /proc/net/tcp /proc/net/tcp6 && exit 0; sleep 0.2; done; exit 1',
      ].join('\n'),
    );
    expect(stale.code, stale.stderr).toBe(0);
    expect((await servedFromOutside(993)).serialNumber).toBe(before[0]!.serialNumber);
    const status = await client.callOk('certificates.status', { serverId });
    const own = status.certificates.find((info) => info.certName === domain)!;
    expect(own.served?.filter((check) => check.serves !== 'this').map((check) => check.port)).toEqual([993]);
    expect(own.served?.find((check) => check.port === 993)?.serves).toBe('other');
    expect(certificateWarnings(own, status.autoRenew, new Date(status.at))).toContain('servedDiffers');

    // Renewing again puts the new certificate in ssl/ and restarts every service that reads it.
    const second = await renewNow('renew2');
    expect(second.status).toBe('succeeded');
    const healed = await Promise.all(TLS_PORTS.map(servedFromOutside));
    expect(new Set(healed.map((leaf) => leaf.fingerprint256)).size).toBe(1);
    expect(healed[0]!.serialNumber).not.toBe(after[0]!.serialNumber);
    expect(second.own.served?.every((check) => check.serves === 'this')).toBe(true);
    expect(certificateWarnings(second.own, status.autoRenew, new Date())).not.toContain('servedDiffers');
  });

  it('"Renew now" for a certificate that is not there fails before anything changes, and says so', async () => {
    const { jobId } = await client.callOk('jobs.start', {
      serverId,
      job: { kind: 'certificates.renew', params: { certName: 'nothing-here.mailharbor.test' } },
    });
    expect(await followJobToEnd(client, serverId, jobId, 'renew-missing')).toBe('failed');
    const failed = client.frames
      .filter((frame) => frame.name === 'jobs.event')
      .map(
        (frame) =>
          frame.payload as { jobId: string; event: { type: string; error?: { code: string; params: object } } },
      )
      .find((payload) => payload.jobId === jobId && payload.event.type === 'finished');
    expect(failed?.event.error).toMatchObject({
      code: 'jobs.stepFailed',
      params: { step: 'inspect', cause: 'certificates.notFound' },
    });
    // Nothing is kept for a name without a certificate (the earlier renewals' record is there).
    const kept = await sh('cat /var/lib/mailharbor/certificates/renewals.json');
    expect(kept.stdout).toContain(worldVpsDomain(vps));
    expect(kept.stdout).not.toContain('nothing-here');
    // An option-like name never reaches certbot: the contract refuses it, naming the field.
    const refused = await client.call('jobs.start', {
      serverId,
      job: { kind: 'certificates.renew', params: { certName: '--staging' } },
    });
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).toContain('certName');
  });

  it('reports a crash-looping service with its restart count and last lines, and names it in the summary', async () => {
    // The real pop3 replaced by a container of the same image that fails at once, as a broken
    // configuration would make it: the engine restarts it again and again.
    const replaced = await sh(
      [
        'set -e',
        "image=$(docker inspect -f '{{.Config.Image}}' pop3)",
        'docker rm -f pop3 >/dev/null',
        `docker run -d --name pop3 --network host --restart always "$image" sh -c 'echo "pop3: reading /mnt/config"; echo "pop3: fatal: cannot bind port 995" >&2; exit 3' >/dev/null`,
      ].join('\n'),
    );
    expect(replaced.code, replaced.stderr).toBe(0);
    let pop3: ServiceStatus | undefined;
    let status: StackStatus | undefined;
    // Both counts: restarts of the pop3 name seen recently include the deploy hook's restarts of the
    // renewals above, while the engine's restart count belongs to this new container alone.
    const looping = () => (pop3?.recentRestarts ?? 0) >= 2 && (pop3?.restartCount ?? 0) >= 2;
    for (let attempt = 0; attempt < 60 && !looping(); attempt++) {
      status = await client.callOk('stack.status', { serverId });
      pop3 = status.services.find((service) => service.service === 'pop3');
      if (!looping()) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(pop3?.restartCount).toBeGreaterThanOrEqual(2);
    expect(pop3?.recentRestarts).toBeGreaterThanOrEqual(2);
    expect(pop3?.lastLines).toContain('pop3: fatal: cannot bind port 995');
    expect(pop3?.lastLines).toContain('pop3: reading /mnt/config');
    expect(status?.summary.id).toBe('problems');
    // Not necessarily first: the renewals above restarted the certificate's users (imap among them) recently.
    expect(status?.summary.issues).toContainEqual(expect.objectContaining({ service: 'pop3', issue: 'restarting' }));
  });
});
