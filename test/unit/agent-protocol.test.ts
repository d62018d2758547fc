import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors/app-error.js';
import { AgentRpcClient } from '../../electron/agent/rpc-client.js';
import { PROTOCOL_VERSION } from '../../common/agent-contract.js';
import {
  buildAgentBundle,
  cleanupAll,
  connectAgent,
  newStateDir,
  spawnAgent,
  type AgentProcess,
} from './agent-harness.js';
import { followJob } from '../../electron/services/jobs/follow-job.js';

interface RpcReply {
  jsonrpc: string;
  id: number | string | null;
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: { code: string; params: Record<string, unknown>; detail?: string } };
}

/** Talks to the agent line by line, as a misbehaving client would. */
class RawSession {
  private buffered = '';
  private readonly replies: RpcReply[] = [];
  private waiter: (() => void) | undefined;

  constructor(readonly agent: AgentProcess) {
    agent.child.stdout.setEncoding('utf8');
    agent.child.stdout.on('data', (text: string) => {
      this.buffered += text;
      let newline: number;
      while ((newline = this.buffered.indexOf('\n')) !== -1) {
        this.replies.push(JSON.parse(this.buffered.slice(0, newline)) as RpcReply);
        this.buffered = this.buffered.slice(newline + 1);
      }
      this.waiter?.();
    });
  }

  write(line: string): void {
    this.agent.child.stdin.write(`${line}\n`);
  }

  async next(timeoutMs = 5_000): Promise<RpcReply> {
    const deadline = Date.now() + timeoutMs;
    while (this.replies.length === 0) {
      if (Date.now() > deadline) throw new Error('no reply from the agent');
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
        setTimeout(resolve, 100);
      });
    }
    return this.replies.shift()!;
  }

  async request(id: number, method: string, params?: unknown): Promise<RpcReply> {
    this.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    return this.next();
  }
}

let bundle: string;

beforeAll(() => {
  bundle = buildAgentBundle();
});

afterAll(() => cleanupAll());

describe('agent protocol', () => {
  it('shakes hands and tells what it runs on', async () => {
    const { agent, client } = await connectAgent(bundle, newStateDir());
    expect(client.agent).toMatchObject({
      protocolVersion: PROTOCOL_VERSION,
      nodeVersion: process.version,
      arch: process.arch,
      platform: process.platform,
      pid: agent.child.pid,
      uid: process.getuid!(),
    });
    expect(client.agent.agentVersion).toMatch(/^\d+\.\d+\.\d+/);
    client.close();
    expect(await agent.exited).toBe(0);
  });

  it('answers broken input with the right JSON-RPC errors, naming the field, and keeps serving', async () => {
    const raw = new RawSession(spawnAgent(bundle, newStateDir()));

    const early = await raw.request(1, 'jobs.list', {});
    expect(early.error).toMatchObject({ code: -32000, data: { code: 'agent.handshakeRequired' } });

    const refused = await raw.request(2, 'agent.hello', { clientProtocol: '3.0' });
    expect(refused.error?.data).toMatchObject({
      code: 'agent.protocolMismatch',
      params: { agentProtocol: PROTOCOL_VERSION, clientProtocol: '3.0' },
    });
    expect(refused.error?.data?.detail).toContain('redeploy');

    const hello = await raw.request(3, 'agent.hello', { clientProtocol: PROTOCOL_VERSION });
    expect(hello.result).toMatchObject({ protocolVersion: PROTOCOL_VERSION });

    raw.write('{"jsonrpc":"2.0","id":4,"method":');
    const parse = await raw.next();
    expect(parse).toMatchObject({ id: null, error: { code: -32700, data: { code: 'rpc.parseError' } } });

    raw.write(JSON.stringify({ id: 5, method: 'jobs.list' }));
    expect((await raw.next()).error).toMatchObject({ code: -32600, data: { params: { field: 'jsonrpc' } } });

    raw.write('[]');
    expect((await raw.next()).error).toMatchObject({ code: -32600 });

    const unknown = await raw.request(6, 'jobs.explode', {});
    expect(unknown).toMatchObject({ id: 6, error: { code: -32601, data: { params: { method: 'jobs.explode' } } } });
    expect(unknown.error?.message).toContain('jobs.explode');

    const bad = await raw.request(7, 'jobs.start', {
      kind: 'diagnostics.steps',
      params: { steps: 0, stepMs: 'slow', extra: true },
    });
    expect(bad.error?.code).toBe(-32602);
    expect(bad.error?.data?.params.fields).toBe('params.steps, params.stepMs, params.extra');
    expect(bad.error?.message).toContain('params.steps');

    const badKind = await raw.request(8, 'jobs.start', { kind: 'docker.install', params: {} });
    expect(badKind.error?.code).toBe(-32602);
    expect(badKind.error?.data?.params.fields).toBe('kind');

    const badFailAt = await raw.request(9, 'jobs.start', {
      kind: 'diagnostics.steps',
      params: { steps: 2, stepMs: 0, failAt: 5 },
    });
    expect(badFailAt.error?.data?.params.fields).toBe('params.failAt');

    // A notification gets no answer, even for an unknown method: the next reply is for id 10.
    raw.write(JSON.stringify({ jsonrpc: '2.0', method: 'nothing.here' }));
    expect(await raw.request(10, 'jobs.list', {})).toMatchObject({ id: 10, result: { jobs: [] } });

    raw.agent.child.stdin.end();
    expect(await raw.agent.exited).toBe(0);
  });

  it('refuses a line over 8 MiB without buffering it, then carries on', async () => {
    const raw = new RawSession(spawnAgent(bundle, newStateDir()));
    expect((await raw.request(1, 'agent.hello', { clientProtocol: PROTOCOL_VERSION })).result).toBeDefined();
    const huge = `{"jsonrpc":"2.0","id":2,"method":"jobs.list","params":{"pad":"${'x'.repeat(9 * 1024 * 1024)}"}}`;
    // Written in pieces, as a pipe delivers it: the agent sees partial lines throughout.
    for (let start = 0; start < huge.length; start += 1 << 20) {
      if (!raw.agent.child.stdin.write(huge.slice(start, start + (1 << 20))))
        await once(raw.agent.child.stdin, 'drain');
    }
    raw.write('');
    const refused = await raw.next(10_000);
    expect(refused).toMatchObject({ id: null, error: { code: -32700, data: { code: 'rpc.lineTooLong' } } });
    expect(await raw.request(3, 'jobs.list', {})).toMatchObject({ id: 3, result: { jobs: [] } });
    raw.agent.child.stdin.end();
    expect(await raw.agent.exited).toBe(0);
  });
});

/** A stand-in agent on in-memory streams, to see how the client treats what it receives. */
function fakeAgent(answer: (request: { id: number; method: string }) => unknown) {
  const toAgent = new PassThrough();
  const fromAgent = new PassThrough();
  toAgent.setEncoding('utf8');
  toAgent.on('data', (text: string) => {
    for (const line of text.split('\n').filter(Boolean)) {
      const request = JSON.parse(line) as { id: number; method: string };
      const reply = answer(request);
      if (reply !== undefined) fromAgent.write(`${JSON.stringify({ jsonrpc: '2.0', id: request.id, ...reply })}\n`);
    }
  });
  return { toAgent, fromAgent };
}

const helloResult = (protocolVersion: string) => ({
  result: {
    agentVersion: '9.9.9',
    protocolVersion,
    nodeVersion: 'v22.0.0',
    arch: 'x64',
    platform: 'linux',
    pid: 1,
    uid: 0,
    stateDir: '/var/lib/mailharbor',
  },
});

describe('agent client', () => {
  it('refuses an agent that speaks another protocol major', async () => {
    const streams = fakeAgent(() => helloResult('3.3'));
    const failure = await AgentRpcClient.connect(streams).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).data).toMatchObject({
      code: 'agent.protocolMismatch',
      params: { agentProtocol: '3.3', clientProtocol: PROTOCOL_VERSION },
      retryable: false,
    });
  });

  it('accepts a newer minor, validates results and rejects pending calls when the stream closes', async () => {
    let silent = false;
    const streams = fakeAgent((request) => {
      if (request.method === 'agent.hello') return helloResult('2.7');
      if (silent) return undefined;
      return { result: { jobs: [{ jobId: 'not a job id' }] } };
    });
    const client = await AgentRpcClient.connect(streams);
    await expect(client.call('jobs.list', {})).rejects.toMatchObject({ code: 'agent.invalidResult' });
    await expect(client.call('jobs.list', { limit: 0 })).rejects.toMatchObject({ code: 'rpc.invalidParams' });

    silent = true;
    const pending = client.call('jobs.list', {});
    streams.fromAgent.end();
    const failure = (await pending.catch((error: unknown) => error)) as AppError;
    expect(failure.data).toMatchObject({ code: 'agent.disconnected', retryable: true });
    await expect(client.call('jobs.list', {})).rejects.toMatchObject({ code: 'agent.disconnected' });
  });

  it('rejects a pending call with a retryable agent.disconnected when the agent process dies', async () => {
    const { agent, client } = await connectAgent(bundle, newStateDir());
    const { jobId } = await client.call('jobs.start', {
      kind: 'diagnostics.steps',
      params: { steps: 50, stepMs: 100 },
    });
    const following = followJob(client, jobId, 0, () => {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(agent.child.pid!, 'SIGKILL');
    const failure = (await following.catch((error: unknown) => error)) as AppError;
    expect(failure).toBeInstanceOf(AppError);
    expect(failure.data).toMatchObject({ code: 'agent.disconnected', retryable: true });
  });
});
