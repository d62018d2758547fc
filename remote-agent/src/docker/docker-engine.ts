import http from 'node:http';
import { AppError } from '../../../common/errors/app-error.js';
import { rawGet, type RawAnswer } from './raw-http-stream.js';

/**
 * A small client for the Docker Engine API on its unix socket: what the dashboard reads (containers,
 * inspect, stats, events, logs) without starting a `docker` process per question. Every request is
 * bounded: short ones in time and in body size, streams by the caller's signal. The agent runs as
 * root, so the socket is readable; MAILHARBOR_DOCKER_SOCKET points tests at a stand-in engine.
 */

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/**
 * The newest API version whose answers this client was written against. The server may be newer
 * (it still answers older versions down to its MinAPIVersion) or older (Debian 12's docker.io
 * 20.10 speaks 1.41): the lower of the two is used, like the docker CLI negotiates.
 */
export const CLIENT_API_VERSION = '1.47';
/** Engines older than this lack what the dashboard needs (one-shot stats came in 1.41). */
const OLDEST_API_VERSION = '1.41';

const REQUEST_TIMEOUT_MS = 15_000;
const SYSTEM_DF_TIMEOUT_MS = 60_000;
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface EngineVersion {
  version: string;
  apiVersion: string;
  minApiVersion?: string;
}

/** The part of GET /containers/{id}/json the dashboard reads. */
export interface ContainerInspect {
  Id: string;
  Name: string;
  RestartCount?: number;
  Image?: string;
  State?: {
    Status?: string;
    Running?: boolean;
    Restarting?: boolean;
    OOMKilled?: boolean;
    ExitCode?: number;
    Error?: string;
    StartedAt?: string;
    FinishedAt?: string;
    Health?: { Status?: string };
  };
  /** Env holds the image's ENV lines too (the official mongo and redis images name their version there). */
  Config?: { Image?: string; Tty?: boolean; Labels?: Record<string, string>; Env?: string[] };
  /** The json-file driver's log on the host (rotated copies beside it, LogPath.1, ...); empty for other drivers. */
  LogPath?: string;
}

/** The part of GET /info the disk figures read. */
export interface EngineInfo {
  DockerRootDir?: string;
}

/** The part of GET /system/df the disk figures read (sizes in bytes; -1 where the engine did not compute one). */
export interface SystemDiskUse {
  /** Every image layer once, however many images share it. */
  LayersSize?: number;
  Containers?: { Id?: string; SizeRw?: number }[];
  Volumes?: { Name?: string; UsageData?: { Size?: number } }[];
}

/** One entry of GET /containers/json. */
export interface ContainerSummary {
  Id: string;
  Names?: string[];
  State?: string;
  Labels?: Record<string, string>;
}

/** The part of GET /containers/{id}/stats the dashboard reads (cgroup v1 and v2 both). */
export interface StatsSample {
  read?: string;
  cpu_stats?: CpuStats;
  precpu_stats?: CpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
}
export interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** One message of GET /events. */
export interface EngineEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

export type Query = Record<string, string | number | boolean | undefined>;

export function dockerSocketPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.MAILHARBOR_DOCKER_SOCKET || DEFAULT_DOCKER_SOCKET;
}

/** "1.41" < "1.47": numeric per part. */
export function compareApiVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/** The version both sides speak: the lower of the two, never below what the server still accepts. */
export function negotiateApiVersion(server: EngineVersion): string {
  let chosen = compareApiVersions(server.apiVersion, CLIENT_API_VERSION) < 0 ? server.apiVersion : CLIENT_API_VERSION;
  if (server.minApiVersion && compareApiVersions(chosen, server.minApiVersion) < 0) chosen = server.minApiVersion;
  if (compareApiVersions(chosen, OLDEST_API_VERSION) < 0) chosen = OLDEST_API_VERSION;
  return chosen;
}

export class DockerEngine {
  /** Short requests reuse connections; streams get their own (agent: false) so they never hold the pool. */
  private readonly pool = new http.Agent({ keepAlive: true, maxSockets: 16 });
  private negotiated: Promise<{ prefix: string; version: EngineVersion }> | undefined;

  constructor(readonly socketPath: string = dockerSocketPath()) {}

  /** The engine's version and the API version this client talks to it with. */
  async version(signal?: AbortSignal): Promise<EngineVersion & { negotiated: string }> {
    const { prefix, version } = await this.negotiate(signal);
    return { ...version, negotiated: prefix.slice(2) };
  }

  /** Every container, running or not (all=1), with its names and labels. */
  async listContainers(signal?: AbortSignal): Promise<ContainerSummary[]> {
    return (await this.json('GET', '/containers/json', { all: 1 }, signal)) as ContainerSummary[];
  }

  /** The container by name or id; undefined when there is none. */
  async inspect(container: string, signal?: AbortSignal): Promise<ContainerInspect | undefined> {
    const path = `/containers/${encodeURIComponent(container)}/json`;
    return (await this.json('GET', path, {}, signal, { notFound: true })) as ContainerInspect | undefined;
  }

  /** Freezes every process of the container (cgroup freezer); unpause thaws them where they were. */
  async pause(container: string, signal?: AbortSignal): Promise<void> {
    await this.json('POST', `/containers/${encodeURIComponent(container)}/pause`, {}, signal);
  }

  async unpause(container: string, signal?: AbortSignal): Promise<void> {
    await this.json('POST', `/containers/${encodeURIComponent(container)}/unpause`, {}, signal);
  }

  async info(signal?: AbortSignal): Promise<EngineInfo> {
    return (await this.json('GET', '/info', {}, signal)) as EngineInfo;
  }

  /**
   * What images, containers and volumes take on disk. The engine walks every layer for it: on a
   * slow disk (or nested Docker's storage) that takes longer than any other call, so it gets a
   * minute of its own.
   */
  async systemDf(signal?: AbortSignal): Promise<SystemDiskUse> {
    return (await this.json('GET', '/system/df', {}, signal, { timeoutMs: SYSTEM_DF_TIMEOUT_MS })) as SystemDiskUse;
  }

  /**
   * One stats sample. `oneShot` answers at once but without the previous CPU sample (the caller
   * keeps its own); without it the engine waits about a second to fill precpu_stats.
   */
  async stats(container: string, oneShot: boolean, signal?: AbortSignal): Promise<StatsSample | undefined> {
    const path = `/containers/${encodeURIComponent(container)}/stats`;
    const query = { stream: false, 'one-shot': oneShot };
    return (await this.json('GET', path, query, signal, { notFound: true })) as StatsSample | undefined;
  }

  /**
   * Opens a streaming GET (events, logs) and answers once the status line is in. The response
   * is the caller's to read and to destroy; the signal aborts it.
   */
  async openStream(path: string, query: Query, signal: AbortSignal): Promise<http.IncomingMessage> {
    const { prefix } = await this.negotiate(signal);
    const response = await this.request('GET', `${prefix}${path}`, query, { signal, agent: false, timeoutMs: 0 });
    if (response.statusCode === 200) return response;
    const body = await readBody(response, 64 * 1024).catch(() => Buffer.alloc(0));
    throw engineError('GET', path, response.statusCode ?? 0, body);
  }

  /**
   * The same for a stream read as raw bytes (a log follow, see raw-http-stream.ts): answers once
   * the head is in, with a 200; anything else is an error with the engine's message.
   */
  async openRawStream(path: string, query: Query, signal: AbortSignal): Promise<RawAnswer> {
    const { prefix } = await this.negotiate(signal);
    const target = `${prefix}${path}${queryString(query)}`;
    let answer: RawAnswer;
    try {
      answer = await rawGet(this.socketPath, target, signal);
    } catch (error) {
      throw this.connectionError('GET', path, error as NodeJS.ErrnoException, signal);
    }
    if (answer.status === 200) return answer;
    const body = await answer.readErrorBody().catch(() => Buffer.alloc(0));
    answer.destroy();
    throw engineError('GET', path, answer.status, body);
  }

  /** Lets go of the kept-alive connections. */
  close(): void {
    this.pool.destroy();
  }

  private negotiate(signal?: AbortSignal) {
    this.negotiated ??= (async () => {
      const body = (await this.json('GET', '/version', {}, signal, { unversioned: true })) as {
        Version?: string;
        ApiVersion?: string;
        MinAPIVersion?: string;
      };
      const version: EngineVersion = {
        version: body.Version ?? 'unknown',
        apiVersion: body.ApiVersion ?? OLDEST_API_VERSION,
      };
      if (body.MinAPIVersion) version.minApiVersion = body.MinAPIVersion;
      return { prefix: `/v${negotiateApiVersion(version)}`, version };
    })();
    // A failed negotiation (engine down) is asked again next time rather than remembered.
    this.negotiated.catch(() => (this.negotiated = undefined));
    return this.negotiated;
  }

  private async json(
    method: string,
    path: string,
    query: Query,
    signal: AbortSignal | undefined,
    options: { notFound?: boolean; unversioned?: boolean; timeoutMs?: number } = {},
  ): Promise<unknown> {
    const prefix = options.unversioned ? '' : (await this.negotiate(signal)).prefix;
    const response = await this.request(method, `${prefix}${path}`, query, {
      signal,
      agent: this.pool,
      timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
    });
    const body = await readBody(response, MAX_BODY_BYTES).catch((error: Error) => {
      throw signal?.aborted ? error : this.connectionError(method, path, error, signal);
    });
    const status = response.statusCode ?? 0;
    if (status === 404 && options.notFound) return undefined;
    if (status < 200 || status >= 300) throw engineError(method, path, status, body);
    if (body.length === 0) return undefined;
    try {
      return JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw new AppError('stack.engineError', {
        params: { command: 'docker-engine' },
        detail: `${method} ${path}: the engine answered something that is not JSON (${(error as Error).message})`,
        retryable: true,
      });
    }
  }

  private request(
    method: string,
    path: string,
    query: Query,
    options: { signal: AbortSignal | undefined; agent: http.Agent | false; timeoutMs: number },
  ): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      const request = http.request({
        socketPath: this.socketPath,
        method,
        path: `${path}${queryString(query)}`,
        headers: { Host: 'docker' },
        agent: options.agent,
        signal: options.signal,
      });
      let timer: NodeJS.Timeout | undefined;
      if (options.timeoutMs > 0) {
        timer = setTimeout(
          () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
          options.timeoutMs,
        );
        // The timeout covers the whole exchange, body included: cleared when the body ends.
        request.once('response', (response) => response.once('close', () => clearTimeout(timer)));
      }
      request.once('response', resolve);
      request.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(this.connectionError(method, path, error, options.signal));
      });
      request.end();
    });
  }

  private connectionError(method: string, path: string, error: NodeJS.ErrnoException, signal?: AbortSignal) {
    if (signal?.aborted) return signal.reason instanceof Error ? signal.reason : error;
    if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED' || error.code === 'EACCES') {
      return new AppError('stack.dockerNotRunning', {
        detail: `the Docker engine does not answer on ${this.socketPath} (${error.code})`,
        retryable: true,
      });
    }
    return new AppError('stack.engineError', {
      params: { command: 'docker-engine' },
      detail: `${method} ${path}: ${error.message}`,
      retryable: true,
    });
  }
}

function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    params.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The whole body, refusing (and cutting off) one larger than maxBytes. */
export async function readBody(response: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.destroy();
      throw new Error(`the engine's answer is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function engineError(method: string, path: string, status: number, body: Buffer): AppError {
  let message = body.toString('utf8').slice(0, 2000).trim();
  try {
    message = (JSON.parse(message) as { message?: string }).message ?? message;
  } catch {
    // Not JSON: the text as it came.
  }
  return new AppError('stack.engineError', {
    params: { command: 'docker-engine', status },
    detail: `${method} ${path}: ${status} ${message}`,
    retryable: status >= 500,
  });
}
