// The pure parts of updates: release tags compared as versions, the feed's strict parser, the .env
// keys that pin images by digest (and read back to the same pins), the mail probes against real
// local servers, and the downtime watcher against a port that goes away and comes back.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { compareReleaseTags, ReleaseFeedSchema, type ReleasePins } from '../../common/updates/release-feed.js';
import { imageRefs } from '../../remote-agent/src/stack/image-refs.js';
import { mailProbes, runProbe } from '../../remote-agent/src/updates/mail-probes.js';
import { watchMailDowntime } from '../../remote-agent/src/updates/mail-downtime.js';
import { allPinned, envValuesFor, pinsOf } from '../../remote-agent/src/updates/running-pins.js';
import { chooseAutoUpdate } from '../../remote-agent/src/updates/scheduled-update.js';
import { updateSet } from '../../remote-agent/src/updates/update-schedule.js';
import { cronTextOf } from '../../remote-agent/src/system/timed-entries.js';

const digest = (char: string) => `sha256:${char.repeat(64)}`;
const PINS: ReleasePins = {
  forwardemail: { tag: 'v1.1.0', digest: digest('a') },
  nginx: { tag: '1.22.1', digest: digest('b') },
  redis: { tag: '7.0.15', digest: digest('c') },
  mongo: { tag: '7.0.14', digest: digest('d') },
};

describe('release tags', () => {
  it('compare as versions, a suffixed tag before its plain version', () => {
    expect(compareReleaseTags('v1.10.0', 'v1.9.0')).toBe(1);
    expect(compareReleaseTags('v1.1.0', 'v1.1.0')).toBe(0);
    expect(compareReleaseTags('v1.2.0-broken', 'v1.1.0')).toBe(1);
    expect(compareReleaseTags('v1.2.0-rc1', 'v1.2.0')).toBe(-1);
    expect(compareReleaseTags('1.0.0', 'v1.0.1')).toBe(-1);
    const sorted = ['v1.1.0', 'v1.10.0', 'v1.2.0-broken', 'v1.0.0'].sort(compareReleaseTags);
    expect(sorted).toEqual(['v1.0.0', 'v1.1.0', 'v1.2.0-broken', 'v1.10.0']);
  });
});

describe('the release feed', () => {
  const good = {
    latest: { version: 'v1.1.0' },
    releases: [{ version: 'v1.1.0', publishedAt: '2026-03-02T10:00:00Z', notes: 'n', pins: PINS }],
  };

  it('parses a pinned release, with defaults for what it leaves out', () => {
    const feed = ReleaseFeedSchema.parse(good);
    expect(feed.releases[0]).toMatchObject({ migratesData: false, prerelease: false, pins: PINS });
  });

  it('names the field of a bad digest, a floating tag and a tag that could inject', () => {
    const path = (value: unknown) => ReleaseFeedSchema.safeParse(value).error?.issues[0]?.path.join('.');
    const withPin = (image: string, pin: unknown) => ({
      ...good,
      releases: [{ ...good.releases[0], pins: { ...PINS, [image]: pin } }],
    });
    expect(path(withPin('redis', { tag: '7.0.15', digest: 'sha256:abc' }))).toBe('releases.0.pins.redis.digest');
    expect(path(withPin('mongo', { tag: 'latest', digest: digest('d') }))).toBe('releases.0.pins.mongo.tag');
    expect(path({ ...good, releases: [{ ...good.releases[0], version: 'v1.2.3 $(reboot)' }] })).toBe(
      'releases.0.version',
    );
  });
});

describe('the nightly update', () => {
  const release = (version: string, extra: Record<string, unknown> = {}) => ({
    version,
    publishedAt: '2026-03-02T10:00:00Z',
    pins: { ...PINS, forwardemail: { tag: version, digest: digest('a') } },
    ...extra,
  });

  it('takes the newest newer release that pins its images, never one that migrates data or a pre-release', () => {
    const feed = ReleaseFeedSchema.parse({
      latest: { version: 'v1.4.0' },
      releases: [
        release('v1.4.0', { migratesData: true }),
        release('v1.3.1-rc1', { prerelease: true }),
        release('v1.3.0'),
        { version: 'v1.3.5', publishedAt: '2026-03-02T10:00:00Z' },
        release('v1.2.0'),
        release('v1.0.0'),
      ],
    });
    expect(chooseAutoUpdate(feed, 'v1.1.0')?.version).toBe('v1.3.0');
    expect(chooseAutoUpdate(feed, 'v1.3.0')).toBeUndefined();
  });

  it('writes one cron line at the chosen time, starting this agent', () => {
    const text = cronTextOf(updateSet({ enabled: true, time: '02:15' }), {
      node: '/opt/mailharbor/runtime/node-v22/bin/node',
      agent: '/opt/mailharbor/agent/1.0-abc/agent.cjs',
    });
    expect(text.split('\n').filter((line) => line.includes('scheduled'))).toEqual([
      '15 2 * * * root /opt/mailharbor/runtime/node-v22/bin/node /opt/mailharbor/agent/1.0-abc/agent.cjs scheduled updates.apply >/dev/null 2>&1',
    ]);
  });
});

describe('pins in .env', () => {
  it('write every tag and digest, read back to the same pins, and compose names exactly those images', () => {
    const values = envValuesFor(PINS);
    expect(values.get('IMAGE_TAG')).toBe('v1.1.0');
    expect(values.get('MONGO_DIGEST')).toBe(`@${digest('d')}`);
    const read = pinsOf((key) => values.get(key));
    expect(read).toEqual(PINS);
    expect(allPinned(read)).toBe(true);
    const refs = imageRefs(
      new Map([...values, ['MAILHARBOR_REGISTRY', 'reg:5000'], ['COMPOSE_PROFILES', 'storage']]),
      'full',
    );
    expect(refs).toContain(`reg:5000/forwardemail/forwardemail.net-selfhosted:v1.1.0@${digest('a')}`);
    expect(refs).toContain(`docker.io/library/redis:7.0.15@${digest('c')}`);
  });

  it('treat an install without digests as not pinned, and ignore a malformed digest', () => {
    const read = pinsOf((key) => ({ IMAGE_TAG: 'v1.0.0', IMAGE_DIGEST: '@sha256:zz' })[key]);
    expect(read.forwardemail).toEqual({ tag: 'v1.0.0' });
    expect(allPinned(read)).toBe(false);
  });
});

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

describe('mail probes', () => {
  it('pass on a greeting, and fail naming what came instead or that nothing did', async () => {
    const greeter = net.createServer((socket) => socket.end('220 mx.example ESMTP\r\n'));
    const wrong = net.createServer((socket) => socket.end('554 go away\r\n'));
    const silent = net.createServer(() => {});
    const [good, bad, quiet] = await Promise.all([listen(greeter), listen(wrong), listen(silent)]);
    try {
      const [smtp] = mailProbes({ mx: good, smtp: 1, imap: undefined }, 'example.com');
      expect(await runProbe(smtp!, 'example.com')).toEqual({ ok: true, detail: '220 mx.example ESMTP' });
      expect(await runProbe({ ...smtp!, port: bad }, 'example.com')).toEqual({ ok: false, detail: '554 go away' });
      expect((await runProbe({ ...smtp!, port: quiet }, 'example.com', '127.0.0.1', 300)).detail).toMatch(/no answer/);
    } finally {
      for (const server of [greeter, wrong, silent]) server.close();
    }
  });

  it('probe IMAP only where the profile has it, and always HTTPS on 443', () => {
    const names = (imap: number | undefined) =>
      mailProbes({ mx: 25, smtp: 465, imap }, 'x').map((p) => `${p.name}:${p.port}`);
    expect(names(993)).toEqual(['SMTP:25', 'SMTP (TLS):465', 'IMAP (TLS):993', 'HTTPS:443']);
    expect(names(undefined)).toEqual(['SMTP:25', 'SMTP (TLS):465', 'HTTPS:443']);
  });
});

describe('the downtime watcher', () => {
  it('measures the longest time the port did not greet', async () => {
    const greeter = () => net.createServer((socket) => socket.end('220 ok\r\n'));
    let server = greeter();
    const port = await listen(server);
    const watch = watchMailDowntime(port);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    server = greeter();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => setTimeout(resolve, 600));
    const downtime = await watch.stop();
    server.close();
    expect(downtime).toBeGreaterThanOrEqual(1_200);
    expect(downtime).toBeLessThan(2_500);
  });
});
