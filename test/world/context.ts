// The contract every world piece codes against: where state lives, how to run programs (argument arrays
// only, always with a timeout), how to keep a background daemon alive across `up` runs, and how to wait.
// Pieces (test/world/pieces/*.ts) export up(ctx) / down(ctx) / status(ctx) and receive one of these.
import path from 'node:path';
import { WORLD_GATEWAY, WORLD_SUBNET } from './network.js';
import { run } from './run.js';
import { daemonRunning, startDaemon, stopDaemon } from './daemon.js';
import { waitFor } from './wait-for.js';
import { caPaths } from './ca.js';
import type { RunOptions, RunResult } from './run.js';
import type { DaemonInfo, DaemonOptions } from './daemon.js';
import type { WaitForOptions } from './wait-for.js';

export type { RunOptions, RunResult, DaemonInfo, DaemonOptions, WaitForOptions };

export interface WorldContext {
  /** Root of all world state. Default /var/tmp/mailharbor-world, override with MAILHARBOR_WORLD_DIR. */
  stateDir: string;
  /** Daemon and build logs: <stateDir>/logs. */
  logDir: string;
  /** 172.29.53.1: host services listen here (and on loopback) so VPS containers reach them. */
  gateway: typeof WORLD_GATEWAY;
  /** 172.29.53.0/24 */
  subnet: typeof WORLD_SUBNET;
  /** The world CA (made once, kept by `down`). Issue more certificates with issueCert() from ca.ts. */
  ca: { certPath: string; keyPath: string };
  /** Runs a program with an argument array (never a shell), bounded by a timeout; rejects on non-zero exit unless allowFailure. */
  run(cmd: string, args: readonly string[], opts?: RunOptions): Promise<RunResult>;
  /**
   * Starts a detached daemon with <stateDir>/run/<name>.pid and <logDir>/<name>.log. If a live process
   * from an earlier `up` holds the pid file with the same command line, it is reused (idempotent).
   */
  startDaemon(name: string, cmd: string, args: readonly string[], opts?: DaemonOptions): Promise<DaemonInfo>;
  /** SIGTERM, then SIGKILL after a grace period; removes the pid file. No-op when not running. */
  stopDaemon(name: string): Promise<void>;
  /** The live daemon's pid, or undefined. */
  daemonRunning(name: string): number | undefined;
  /** Polls check() until it returns a value other than undefined/false, or throws after timeoutMs. */
  waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, opts: WaitForOptions): Promise<T>;
  /** One progress line on stderr, prefixed with the piece name. */
  log(message: string): void;
}

export const DEFAULT_STATE_DIR = '/var/tmp/mailharbor-world';

export function worldStateDir(): string {
  return process.env.MAILHARBOR_WORLD_DIR ?? DEFAULT_STATE_DIR;
}

export function createWorldContext(stateDir: string = worldStateDir(), logPrefix = 'world'): WorldContext {
  const logDir = path.join(stateDir, 'logs');
  return {
    stateDir,
    logDir,
    gateway: WORLD_GATEWAY,
    subnet: WORLD_SUBNET,
    ca: caPaths(stateDir),
    run,
    startDaemon: (name, cmd, args, opts) => startDaemon(stateDir, logDir, name, cmd, args, opts),
    stopDaemon: (name) => stopDaemon(stateDir, name),
    daemonRunning: (name) => daemonRunning(stateDir, name),
    waitFor,
    log: (message) => process.stderr.write(`[${logPrefix}] ${message}\n`),
  };
}

/** The same context with log lines prefixed by a piece name. */
export function forPiece(ctx: WorldContext, piece: string): WorldContext {
  return { ...ctx, log: (message) => process.stderr.write(`[${piece}] ${message}\n`) };
}

/** What each module in test/world/pieces/ exports. */
export interface WorldPiece {
  /** Idempotent; returns the piece's state for tests (addresses, paths), stored under its name in world.json. */
  up(ctx: WorldContext): Promise<Record<string, unknown>>;
  /** Removes everything the piece started or created (processes, containers, temp files). */
  down(ctx: WorldContext): Promise<void>;
  /** One or more human lines: what runs where. */
  status(ctx: WorldContext): Promise<string>;
}
