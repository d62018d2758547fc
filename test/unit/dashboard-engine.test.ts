// The dashboard's engine client and logs.follow against a stand-in Docker engine on a unix socket:
// API version negotiation, errors, and a follow across a restart (no line twice, none lost) and
// with a reader too slow for the lines (bounded queue, skip markers).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../common/dashboard/dashboard-contract.js';
import { LogsFollowParamsSchema, LogsLinesSchema } from '../../common/dashboard/dashboard-contract.js';
import { DockerEngine, negotiateApiVersion } from '../../remote-agent/src/docker/docker-engine.js';
import { logsFollow } from '../../remote-agent/src/dashboard/logs.js';
import { AppError } from '../../common/errors/app-error.js';

type Route = (request: IncomingMessage, response: ServerResponse, url: URL) => void | Promise<void>;

let dir: string;
let socketPath: string;
let server: Server;
let routes: Route[] = [];
const requests: string[] = [];
const savedEnv = { ...process.env };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mh-engine-'));
  socketPath = path.join(dir, 'docker.sock');
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://docker');
    requests.push(`${url.pathname}${url.search}`);
    // The first route that answers wins; none answering is the engine's 404.
    void (async () => {
      for (const route of routes) {
        await route(request, response, url);
        if (response.headersSent) return;
      }
      json(response, 404, { message: 'no such route' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  process.env.MAILHARBOR_DOCKER_SOCKET = socketPath;
  process.env.MAILHARBOR_STACK_DIR = path.join(dir, 'no-stack');
});

afterEach(() => {
  routes = [];
  requests.length = 0;
});

afterAll(async () => {
  process.env = savedEnv;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const json = (response: ServerResponse, status: number, body: unknown) =>
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));

function version(apiVersion: string, minApiVersion = '1.24'): Route {
  return (_request, response, url) => {
    if (url.pathname === '/version')
      json(response, 200, { Version: '99.0.0', ApiVersion: apiVersion, MinAPIVersion: minApiVersion });
  };
}

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('DockerEngine', () => {
  it('talks the lower API version of the two, never below the server minimum', async () => {
    expect(negotiateApiVersion({ version: '27', apiVersion: '1.51', minApiVersion: '1.44' })).toBe('1.47');
    expect(negotiateApiVersion({ version: '20.10', apiVersion: '1.41' })).toBe('1.41');
    expect(negotiateApiVersion({ version: '30', apiVersion: '1.60', minApiVersion: '1.50' })).toBe('1.50');
    routes = [version('1.41')];
    const engine = new DockerEngine(socketPath);
    try {
      await expect(engine.version()).resolves.toMatchObject({ version: '99.0.0', negotiated: '1.41' });
      expect(await engine.inspect('smtp')).toBeUndefined();
      expect(requests).toContain('/v1.41/containers/smtp/json');
    } finally {
      engine.close();
    }
  });

  it("turns the engine's error into a stack error with its message", async () => {
    routes = [
      version('1.45'),
      (_request, response, url) => {
        if (url.pathname.endsWith('/json')) json(response, 500, { message: 'containerd is not running' });
      },
    ];
    const engine = new DockerEngine(socketPath);
    try {
      const error = await engine.inspect('smtp').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'stack.engineError', retryable: true });
      expect((error as AppError).detail).toContain('500 containerd is not running');
    } finally {
      engine.close();
    }
  });

  it('says the engine does not run when nothing listens on the socket', async () => {
    const engine = new DockerEngine(path.join(dir, 'missing.sock'));
    await expect(engine.version()).rejects.toMatchObject({ code: 'stack.dockerNotRunning', retryable: true });
    engine.close();
  });
});

/** A container "smtp" that writes `first`, dies, is started again (an event) and writes `second`. */
function restartingContainer(first: string[], second: string[]): { sinces: (string | null)[]; routes: Route[] } {
  let generation = 0;
  const sinces: (string | null)[] = [];
  let events: ServerResponse | undefined;
  const stamp = (index: number) => `2024-05-01T12:00:0${index}.000000000Z`;
  return {
    sinces,
    routes: [
      version('1.41'),
      (_request, response, url) => {
        if (url.pathname === '/v1.41/events') {
          events = response;
          response.writeHead(200, { 'Content-Type': 'application/json' });
          response.flushHeaders();
        }
      },
      (_request, response, url) => {
        if (url.pathname !== '/v1.41/containers/smtp/json') return;
        json(response, 200, {
          Id: 'c1',
          Name: '/smtp',
          State: { Status: 'running', Running: true, StartedAt: `2024-05-01T12:00:0${generation}Z` },
          Config: { Tty: false },
        });
      },
      async (_request, response, url) => {
        if (url.pathname !== '/v1.41/containers/c1/logs') return;
        sinces.push(url.searchParams.get('since'));
        response.writeHead(200, { 'Content-Type': 'application/vnd.docker.raw-stream' });
        if (generation === 0) {
          // Two lines share the last instant: a resume from it must send neither again.
          response.write(Buffer.concat(first.map((text, index) => frame(1, `${stamp(Math.min(index, 2))} ${text}\n`))));
          await sleep(50);
          generation = 1;
          response.end();
          events?.write(
            `${JSON.stringify({ Type: 'container', Action: 'start', Actor: { ID: 'c1', Attributes: { name: 'smtp' } }, time: 1 })}\n`,
          );
          return;
        }
        // The engine's `since` is inclusive: it sends the lines at that instant again.
        const again = first.slice(2).map((text) => frame(1, `${stamp(2)} ${text}\n`));
        const fresh = second.map((text, index) => frame(index % 2 ? 2 : 1, `${stamp(3 + index)} ${text}\n`));
        response.write(Buffer.concat([...again, ...fresh]));
      },
    ],
  };
}

async function follow(
  params: object,
  until: (entries: LogEntry[]) => boolean,
  options: { slowMs?: number; queueBytes?: number } = {},
) {
  const controller = new AbortController();
  const entries: LogEntry[] = [];
  let seq = 0;
  const done = logsFollow(
    LogsFollowParamsSchema.parse(params),
    {
      signal: controller.signal,
      emit: async (item) => {
        LogsLinesSchema.parse({ ...item, streamId: 'test', seq: seq++ });
        entries.push(...item.entries);
        if (until(entries)) controller.abort();
        if (options.slowMs) await sleep(options.slowMs);
      },
    },
    { queueBytes: options.queueBytes ?? 2 * 1024 * 1024, batchBytes: 64 * 1024, batchMs: 10 },
  );
  const timeout = setTimeout(() => controller.abort(), 10_000);
  try {
    return { result: await done, entries };
  } finally {
    clearTimeout(timeout);
  }
}

const linesIn = (entries: LogEntry[]) => entries.flatMap((entry) => (entry.type === 'lines' ? entry.lines : []));

describe('logs.follow', () => {
  it('keeps following across a restart, resuming where it stopped without repeating a line', async () => {
    const container = restartingContainer(['a', 'b', 'c', 'd'], ['e', '\u001b[32mf\u001b[0m']);
    routes = container.routes;
    const { result, entries } = await follow(
      { services: ['smtp'], tail: 10, timestamps: true },
      (seen) => linesIn(seen).length >= 6,
    );
    expect(linesIn(entries)).toEqual(['a', 'b', 'c', 'd', 'e', '\u001b[32mf\u001b[0m']);
    expect(entries.filter((entry) => entry.type !== 'lines')).toEqual([
      { type: 'attached', service: 'smtp' },
      { type: 'detached', service: 'smtp', reason: 'stopped' },
      { type: 'attached', service: 'smtp' },
    ]);
    // The first attach asked for the tail; the second resumed at the last instant delivered.
    expect(container.sinces).toEqual([null, `${Date.parse('2024-05-01T12:00:02Z') / 1000}.000000000`]);
    expect(requests.find((request) => request.includes('/logs'))).toContain('tail=10');
    const stderr = entries.find((entry) => entry.type === 'lines' && entry.stream === 'stderr');
    expect(stderr).toMatchObject({ lines: ['\u001b[32mf\u001b[0m'], timestamps: ['2024-05-01T12:00:04.000000000Z'] });
    expect(result).toEqual({ ended: 'cancelled', lines: 6, skipped: 0 });
  });

  it('drops the oldest lines for a slow reader and says how many, keeping the rest in order', async () => {
    const total = 20_000;
    routes = [
      version('1.41'),
      (_request, response, url) => {
        if (url.pathname === '/v1.41/events') response.writeHead(200).flushHeaders();
      },
      (_request, response, url) => {
        if (url.pathname === '/v1.41/containers/smtp/json')
          json(response, 200, { Id: 'c1', State: { Status: 'running', Running: true }, Config: { Tty: false } });
      },
      (_request, response, url) => {
        if (url.pathname !== '/v1.41/containers/c1/logs') return;
        response.writeHead(200);
        const frames: Buffer[] = [];
        for (let index = 1; index <= total; index++) {
          frames.push(
            frame(1, `2024-05-01T12:00:00.${String(index).padStart(9, '0')}Z line ${index} ${'x'.repeat(60)}\n`),
          );
        }
        response.write(Buffer.concat(frames));
      },
    ];
    const counted = (entries: LogEntry[]) =>
      entries.reduce(
        (sum, entry) =>
          sum + (entry.type === 'lines' ? entry.lines.length : entry.type === 'skipped' ? entry.count : 0),
        0,
      );
    const { result, entries } = await follow({ services: ['smtp'], tail: 0 }, (seen) => counted(seen) >= total, {
      slowMs: 30,
      queueBytes: 64 * 1024,
    });
    const numbers = linesIn(entries).map((line) => Number(line.split(' ')[1]));
    expect(numbers.every((value, index) => index === 0 || value > numbers[index - 1]!)).toBe(true);
    expect(numbers.at(-1)).toBe(total);
    const skips = entries.filter((entry) => entry.type === 'skipped');
    expect(skips.length).toBeGreaterThan(0);
    expect(result.lines + result.skipped).toBe(total);
    expect(result.skipped).toBe(skips.reduce((sum, entry) => sum + (entry.type === 'skipped' ? entry.count : 0), 0));
  });
});
