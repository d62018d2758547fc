// The host Docker engine (Debian's docker.io). Reused when something already answers on the socket;
// otherwise the world starts dockerd as one of its daemons, and `down` stops only a dockerd it started.
import type { WorldContext } from './context.js';

const ENGINE_DAEMON = 'dockerd';

export async function engineAnswers(ctx: WorldContext): Promise<boolean> {
  const r = await ctx.run('docker', ['version', '--format', '{{.Server.Version}}'], {
    allowFailure: true,
    timeoutMs: 10_000,
  });
  return r.code === 0 && r.stdout.trim() !== '';
}

export interface EngineState {
  version: string;
  /** true when the world started dockerd itself (and `down` will stop it) */
  startedByWorld: boolean;
  pid?: number;
}

export async function ensureEngine(ctx: WorldContext): Promise<EngineState> {
  if (!(await engineAnswers(ctx))) {
    ctx.log('starting dockerd');
    await ctx.startDaemon(ENGINE_DAEMON, 'dockerd', ['--pidfile', '/var/run/docker.pid']);
    await ctx.waitFor(() => engineAnswers(ctx), { timeoutMs: 60_000, intervalMs: 500, what: 'dockerd to answer' });
  }
  const version = (await ctx.run('docker', ['version', '--format', '{{.Server.Version}}'])).stdout.trim();
  const pid = ctx.daemonRunning(ENGINE_DAEMON);
  return { version, startedByWorld: pid !== undefined, pid };
}

export async function stopEngineIfOurs(ctx: WorldContext): Promise<void> {
  if (ctx.daemonRunning(ENGINE_DAEMON) === undefined) return;
  ctx.log('stopping dockerd (started by the world)');
  await ctx.stopDaemon(ENGINE_DAEMON);
}
