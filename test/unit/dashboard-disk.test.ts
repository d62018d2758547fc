// disk.usage: the shared rules (common/dashboard/disk-usage.ts), the bounded walk, and the whole
// measurement on this machine's disk against a stand-in Docker engine on a unix socket.
import { linkSync, mkdirSync, mkdtempSync, rmSync, statfsSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods } from '../../common/agent-contract.js';
import {
  biggestPart,
  DISK_WARN_PERCENT,
  diskParts,
  DiskUsageSchema,
  isDiskWarning,
  usedPercent,
  type DiskPart,
} from '../../common/dashboard/disk-usage.js';
import { directorySize } from '../../remote-agent/src/dashboard/disk-walk.js';
import { diskUsage } from '../../remote-agent/src/dashboard/disk-usage.js';
import { statePaths } from '../../remote-agent/src/jobs/state-dir.js';
import { stackPaths } from '../../remote-agent/src/stack/stack-paths.js';

const MB = 1_000_000;
let dir: string;
const savedEnv = { ...process.env };

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mh-disk-'));
});
afterAll(() => {
  process.env = savedEnv;
  rmSync(dir, { recursive: true, force: true });
});

/** A file of real (not sparse) bytes. */
function write(file: string, bytes: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.alloc(bytes, 7));
}

describe('the shared rules', () => {
  it('rounds the used percentage up the way df does, and warns from 85%', () => {
    expect(usedPercent(0, 0)).toBe(0);
    expect(usedPercent(841, 159)).toBe(85);
    expect(usedPercent(840, 160)).toBe(84);
    expect(usedPercent(1, 0)).toBe(100);
    expect(DISK_WARN_PERCENT).toBe(85);
    expect(isDiskWarning(84)).toBe(false);
    expect(isDiskWarning(85)).toBe(true);
  });

  it('puts the parts in their fixed order and calls the unexplained rest other, never below 0', () => {
    const measured: DiskPart[] = [
      { part: 'mail', bytes: 300 },
      { part: 'images', bytes: 200 },
      { part: 'logs', bytes: 50, note: 'partial' },
    ];
    expect(diskParts(measured, 1000)).toEqual([
      { part: 'images', bytes: 200 },
      { part: 'logs', bytes: 50, note: 'partial' },
      { part: 'mail', bytes: 300 },
      { part: 'databases', bytes: 0 },
      { part: 'backups', bytes: 0 },
      { part: 'other', bytes: 450 },
    ]);
    expect(diskParts(measured, 400).at(-1)).toEqual({ part: 'other', bytes: 0 });
    // A part on another disk takes nothing from this one.
    expect(diskParts([{ part: 'images', bytes: 900, note: 'elsewhere' }], 1000).at(-1)?.bytes).toBe(1000);
  });

  it('names the biggest part on this disk, and none when nothing takes space', () => {
    const parts = diskParts(
      [
        { part: 'images', bytes: 5000, note: 'elsewhere' },
        { part: 'mail', bytes: 700 },
        { part: 'logs', bytes: 200 },
      ],
      1000,
    );
    expect(biggestPart(parts)?.part).toBe('mail');
    expect(biggestPart(diskParts([], 1000))?.part).toBe('other');
    expect(biggestPart(diskParts([], 0))).toBeUndefined();
  });

  it('is a forwarded method of the agent contract, with no params', () => {
    const spec = methods['disk.usage'] as {
      forward?: boolean;
      params: { safeParse(v: unknown): { success: boolean } };
    };
    expect(spec.forward).toBe(true);
    expect(spec.params.safeParse({}).success).toBe(true);
    expect(spec.params.safeParse({ path: '/' }).success).toBe(false);
  });
});

describe('directorySize', () => {
  it('is 0 for a missing directory, not an error', async () => {
    expect(await directorySize(path.join(dir, 'nowhere'))).toEqual({ bytes: 0, partial: false });
  });

  it('counts allocated bytes, hard links once and symlinks not followed', async () => {
    const root = path.join(dir, 'walk');
    write(path.join(root, 'a/one.sqlite'), 2 * MB);
    write(path.join(root, 'a/b/c/two.sqlite'), 1 * MB);
    linkSync(path.join(root, 'a/one.sqlite'), path.join(root, 'a/one-link.sqlite'));
    write(path.join(dir, 'outside/big'), 5 * MB);
    symlinkSync(path.join(dir, 'outside'), path.join(root, 'to-outside'));
    const result = await directorySize(root);
    expect(result.partial).toBe(false);
    // 3 MB of data, plus a few blocks for the directories; not 5 (the link) nor 8 (the symlink's target).
    expect(result.bytes).toBeGreaterThanOrEqual(3 * MB);
    expect(result.bytes).toBeLessThan(3 * MB + 200_000);

    // The same inodes seen by an earlier walk (mail before the backups' staging) are not counted again.
    const seen = new Set<string>();
    await directorySize(path.join(root, 'a'), seen);
    expect((await directorySize(path.join(root, 'a/one-link.sqlite'), seen)).bytes).toBe(0);
  });

  it('stops at its bounds and says the figure is partial', async () => {
    const root = path.join(dir, 'many');
    for (let i = 0; i < 30; i++) write(path.join(root, `f${i}`), 10);
    write(path.join(root, 'd1/d2/d3/deep'), 10);
    expect((await directorySize(root, new Set(), { maxEntries: 10, maxDepth: 64 })).partial).toBe(true);
    expect((await directorySize(root, new Set(), { maxEntries: 1000, maxDepth: 2 })).partial).toBe(true);
    expect((await directorySize(root, new Set(), { maxEntries: 1000, maxDepth: 64 })).partial).toBe(false);
  });
});

describe('diskUsage against a stand-in engine', () => {
  let server: Server;
  let dockerRoot: string;
  const logPath = () => path.join(dockerRoot, 'containers', 'c1', 'c1-json.log');

  beforeAll(async () => {
    dockerRoot = path.join(dir, 'docker-root');
    write(logPath(), 3 * MB);
    write(`${logPath()}.1`, 2 * MB);
    write(path.join(dockerRoot, 'containers', 'c1', 'config.v2.json'), 4 * MB);
    const socketPath = path.join(dir, 'docker.sock');
    const answers: Record<string, unknown> = {
      '/version': { Version: '26.1.0', ApiVersion: '1.45' },
      '/v1.45/info': { DockerRootDir: dockerRoot },
      '/v1.45/system/df': {
        LayersSize: 40 * MB,
        Containers: [{ Id: 'c1', SizeRw: 1 * MB }],
        Volumes: [{ Name: 'self-hosting_mongo-data', UsageData: { Size: 6 * MB } }],
      },
      '/v1.45/containers/json': [{ Id: 'c1', Names: ['/mx'] }],
      '/v1.45/containers/c1/json': { Id: 'c1', Name: '/mx', LogPath: logPath() },
    };
    server = createServer((request, response) => {
      const answer = answers[new URL(request.url ?? '/', 'http://docker').pathname];
      response.writeHead(answer ? 200 : 404, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(answer ?? { message: 'no such route' }));
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    process.env.MAILHARBOR_DOCKER_SOCKET = socketPath;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('measures every part on the disk of the stack, and the rest as other', async () => {
    const stack = stackPaths({ MAILHARBOR_STACK_DIR: path.join(dir, 'stack') });
    const state = statePaths({ MAILHARBOR_AGENT_STATE_DIR: path.join(dir, 'state') });
    write(path.join(stack.sqliteData, 'alias.sqlite'), 8 * MB);
    write(path.join(stack.redisData, 'dump.rdb'), 1 * MB);
    write(path.join(state.root, 'backups', 'stage', 'mongo.archive'), 2 * MB);
    // Staged mailboxes are hard links: they are the mail's bytes, not the backups'.
    mkdirSync(path.join(state.root, 'backups', 'stage', 'mailboxes'), { recursive: true });
    linkSync(path.join(stack.sqliteData, 'alias.sqlite'), path.join(state.root, 'backups', 'stage', 'mailboxes', 'a'));

    const usage = DiskUsageSchema.parse(await diskUsage(state, { signal: new AbortController().signal }, { stack }));
    const bytes = Object.fromEntries(usage.parts.map((entry) => [entry.part, entry.bytes]));
    const near = (value: number | undefined, expected: number) => {
      expect(value).toBeGreaterThanOrEqual(expected);
      expect(value).toBeLessThan(expected + 100_000);
    };
    near(bytes.mail, 8 * MB);
    near(bytes.backups, 2 * MB);
    near(bytes.databases, 1 * MB + 6 * MB);
    expect(bytes.images).toBe(41 * MB);
    // The log and its rotated copy, not the engine's other files beside them.
    near(bytes.logs, 5 * MB);

    const fs = statfsSync(dir);
    expect(usage.totalBytes).toBe(fs.blocks * fs.bsize);
    expect(usage.usedBytes + usage.availableBytes).toBeLessThanOrEqual(usage.totalBytes);
    expect(usage.percent).toBe(usedPercent(usage.usedBytes, usage.availableBytes));
    const measured = usage.parts.slice(0, -1).reduce((sum, entry) => sum + entry.bytes, 0);
    expect(bytes.other).toBe(Math.max(0, usage.usedBytes - measured));
  });

  it('says which figures Docker could not give, and still measures the rest', async () => {
    process.env.MAILHARBOR_DOCKER_SOCKET = path.join(dir, 'no-engine.sock');
    const stack = stackPaths({ MAILHARBOR_STACK_DIR: path.join(dir, 'not-installed', 'self-hosting') });
    const state = statePaths({ MAILHARBOR_AGENT_STATE_DIR: path.join(dir, 'no-state') });
    const usage = await diskUsage(state, { signal: new AbortController().signal }, { stack });
    expect(usage.path).toBe(dir);
    expect(usage.parts.slice(0, 5)).toEqual([
      { part: 'images', bytes: 0, note: 'unavailable' },
      { part: 'logs', bytes: 0, note: 'unavailable' },
      { part: 'mail', bytes: 0 },
      { part: 'databases', bytes: 0 },
      { part: 'backups', bytes: 0 },
    ]);
    expect(usage.parts[5]).toEqual({ part: 'other', bytes: usage.usedBytes });
  });
});
