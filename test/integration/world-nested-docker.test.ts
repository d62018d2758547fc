// Smoke test of the world's Docker half end to end, the way the app will use it: on a fresh VPS, install
// Docker from Debian's packages, pull the stand-in images from the world registry over TLS (trusting the
// preseeded CA) and check they behave: healthy, unhealthy for the broken tag, redis answers, mongo's
// dump/restore round-trips, SIGTERM stops a service fast. Every remote loop is bounded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worldForTests } from '../world/world-inject.js';
import { vpsExec } from '../world/vps-ssh.js';
import type { VpsSshTarget } from '../world/vps-ssh.js';
import { vpsAdmin, vpsRemove } from '../world/vps-admin.js';

// Unique per run: two test runs at once (two developers, or CI and a developer) must not share it.
const VPS = `docker-${process.pid}`;
const world = worldForTests();
const registry = world.registry.address;
const fe = `${registry}/forwardemail/forwardemail.net-selfhosted`;
let root: VpsSshTarget;

function sh(script: string, timeoutMs = 60_000, input?: string) {
  return vpsExec(root, script, { timeoutMs, input });
}

/** Waits (bounded) for a container's health status, returning the last one seen. */
function healthAfter(container: string, wanted: 'healthy' | 'unhealthy', seconds: number) {
  return sh(
    `for i in $(seq ${seconds}); do s=$(docker inspect -f '{{.State.Health.Status}}' ${container}); [ "$s" = ${wanted} ] && break; sleep 1; done; echo "$s"`,
    (seconds + 15) * 1000,
  );
}

describe('Docker inside a fresh VPS with the world registry', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    const vps = await vpsAdmin('reset', VPS);
    root = { vps, key: world.ssh, user: 'root' };
  }, 120_000);

  afterAll(async () => {
    await vpsRemove(VPS);
  }, 120_000);

  it('starts without Docker', async () => {
    const r = await sh('command -v docker dockerd || echo none');
    expect(r.stdout.trim()).toBe('none');
  });

  it('installs docker.io from Debian and starts dockerd', async () => {
    await sh(
      'export DEBIAN_FRONTEND=noninteractive; apt-get update -q >/tmp/apt.log 2>&1 && apt-get install -y -q --no-install-recommends docker.io >>/tmp/apt.log 2>&1 || { tail -30 /tmp/apt.log; exit 1; }',
      240_000,
    );
    const r = await sh(
      'nohup dockerd >/var/log/dockerd.log 2>&1 </dev/null & for i in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done; docker info --format "{{.ServerVersion}} {{.Driver}}"',
      90_000,
    );
    expect(r.stdout).toMatch(/^\d+\.\d+.* overlay2/);
  });

  it('pulls the stand-ins from the registry over TLS', async () => {
    const r = await sh(
      `for ref in ${fe}:v1.1.0 ${fe}:v1.2.0-broken ${registry}/redis:7.0.15 ${registry}/mongo:7.0.14; do docker pull -q "$ref" || exit 1; done`,
      180_000,
    );
    expect(r.stdout).toContain(`${fe}:v1.1.0`);
  });

  it('runs smtp with the compose healthcheck until healthy', async () => {
    await sh(
      `docker run -d --name smtp --network host --health-cmd 'nc -z 127.0.0.1 465' --health-interval 1s --health-timeout 5s --health-retries 3 ${fe}:v1.1.0 node smtp.js`,
    );
    const health = await healthAfter('smtp', 'healthy', 40);
    expect(health.stdout.trim()).toBe('healthy');
    // The minimal VPS has no openssl: read the TLS greeting with the stand-in image's own client.
    const greeting = await sh(
      `docker exec smtp sh -c "printf 'QUIT\\r\\n' | timeout 10 openssl s_client -quiet -connect 127.0.0.1:465 2>/dev/null | head -1"`,
    );
    expect(greeting.stdout).toMatch(/^220 .* ESMTP/);
  });

  it('stops a stand-in on SIGTERM within a second, exit code 0', async () => {
    // docker stop sends SIGTERM and waits up to 10 s before SIGKILL; a clean exit is fast and exits 0.
    const r = await sh(
      `start=$(date +%s%N); docker stop -t 10 smtp >/dev/null; end=$(date +%s%N); echo $(( (end - start) / 1000000 )) $(docker inspect -f '{{.State.ExitCode}} {{.State.FinishedAt}}' smtp)`,
    );
    const [ms, code, finishedAt] = r.stdout.trim().split(' ');
    expect(Number(code)).toBe(0);
    expect(Number(ms)).toBeLessThan(5_000); // far below the 10 s SIGKILL deadline, even on a loaded host
    // The service's own shutdown, measured inside the container: its SIGTERM log line to its exit.
    const logs = await sh('docker logs smtp 2>&1 | grep "received SIGTERM"');
    const termAt = Date.parse(logs.stdout.trim().split(' ')[0]!);
    expect(Date.parse(finishedAt!) - termAt).toBeLessThan(1_000);
  });

  it('marks the broken tag unhealthy', async () => {
    await sh(
      `docker run -d --name api-broken --network host --health-cmd 'curl -ksL -o /dev/null https://127.0.0.1:4000/v1/test' --health-interval 1s --health-timeout 5s --health-retries 2 ${fe}:v1.2.0-broken node api.js`,
    );
    const health = await healthAfter('api-broken', 'unhealthy', 40);
    expect(health.stdout.trim()).toBe('unhealthy');
    await sh('docker rm -f api-broken');
  });

  it('runs real redis that answers PING on the host network', async () => {
    await sh(`docker run -d --name redis --network host ${registry}/redis:7.0.15`);
    const r = await sh(
      `for i in $(seq 20); do docker exec redis redis-cli ping 2>/dev/null | grep -q PONG && break; sleep 0.5; done; exec 3<>/dev/tcp/127.0.0.1/6379 && printf 'PING\\r\\n' >&3 && timeout 5 head -c 7 <&3`,
    );
    expect(r.stdout.trim()).toBe('+PONG');
  });

  it("round-trips mongo data through upstream's mongodump/mongorestore flow", async () => {
    await sh(
      `mkdir -p /root/mongo-backups && docker run -d --name mongodb --network host -v /root/mongo-backups:/backups ${registry}/mongo:7.0.14`,
    );
    const r = await sh(
      [
        'for i in $(seq 20); do (exec 3<>/dev/tcp/127.0.0.1/27017) 2>/dev/null && break; sleep 0.5; done',
        `docker exec mongodb standin-mongo put forwardemail users '{"email":"a@example.test"}'`,
        'docker exec mongodb mongodump --out /backups/mongo-backup-test',
        'docker exec mongodb sh -c "rm -rf /data/db/forwardemail"',
        'echo "after-wipe $(docker exec mongodb standin-mongo get forwardemail users)"',
        'docker exec mongodb mongorestore --drop --dir /backups/mongo-backup-test',
        'echo "after-restore $(docker exec mongodb standin-mongo get forwardemail users)"',
      ].join(' && '),
    );
    expect(r.stdout).toContain('after-wipe []');
    expect(r.stdout).toContain('after-restore [{"email":"a@example.test"}]');
  });
});
