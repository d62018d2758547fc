import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors/app-error.js';
import type { AgentRpcClient } from '../../electron/agent/rpc-client.js';
import type { JobEvent } from '../../common/agent-contract.js';
import {
  buildAgentBundle,
  cleanupAll,
  connectAgent,
  isRunning,
  jobPid,
  newStateDir,
  readJournal,
  sessionOf,
  waitFor,
} from './agent-harness.js';
import { followJob } from '../../electron/services/jobs/follow-job.js';

let bundle: string;

beforeAll(() => {
  bundle = buildAgentBundle();
});

afterAll(() => cleanupAll());

async function followToEnd(client: AgentRpcClient, jobId: string, fromOffset = 0) {
  const events: JobEvent[] = [];
  const result = await followJob(client, jobId, fromOffset, (event) => void events.push(event));
  return { events, result };
}

/** An agent on a state folder of its own; `close` ends it and waits for its exit. */
async function freshAgent() {
  const stateDir = newStateDir();
  const { client, agent } = await connectAgent(bundle, stateDir);
  const close = async () => {
    client.close();
    await agent.exited;
  };
  return { client, stateDir, close };
}

/** jobs.start of the diagnostics job: `steps` steps of `stepMs` each (failing at `failAt`), or a retry of one. */
function startSteps(
  client: AgentRpcClient,
  params: { steps: number; stepMs: number; failAt?: number; uncancellableAt?: number },
  retryOf?: string,
) {
  return client.call('jobs.start', { kind: 'diagnostics.steps', params, ...(retryOf ? { retryOf } : {}) });
}

function expectWholeJournal(events: JobEvent[], stateDir: string, jobId: string): void {
  expect(events.map((event) => event.offset)).toEqual(events.map((_, index) => index));
  expect(events.map((event) => event.offset)).toEqual(readJournal(stateDir, jobId).map((line) => line.offset));
  expect(events.at(-1)?.type).toBe('finished');
}

describe('agent jobs', () => {
  it(
    'keeps a job running when the agent (the SSH session) is killed, and a new agent re-attaches exactly once',
    { timeout: 30_000 },
    async () => {
      const stateDir = newStateDir();
      const first = await connectAgent(bundle, stateDir);
      const { jobId } = await startSteps(first.client, { steps: 25, stepMs: 60 });
      const pid = jobPid(stateDir, jobId);
      // Detached: a session and process group of its own, apart from the agent's.
      expect(sessionOf(pid)).toEqual({ sid: pid, pgid: pid });
      expect(sessionOf(first.agent.child.pid!).sid).not.toBe(pid);

      // Follow until some events arrived, then kill the whole session abruptly.
      const seen: JobEvent[] = [];
      const firstFollow = followJob(first.client, jobId, 0, (event) => void seen.push(event));
      await waitFor(() => (seen.length >= 15 ? true : undefined), '15 events');
      process.kill(-first.agent.child.pid!, 'SIGKILL');
      await expect(firstFollow).rejects.toMatchObject({ code: 'agent.disconnected', retryable: true });
      await first.agent.exited;

      expect(isRunning(pid)).toBe(true);
      const countAtKill = seen.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The job went on writing while nobody was attached.
      expect(readJournal(stateDir, jobId).length).toBeGreaterThan(countAtKill);

      const second = await connectAgent(bundle, stateDir);
      const resumeFrom = seen.at(-1)!.offset + 1;
      const { events: rest, result } = await followToEnd(second.client, jobId, resumeFrom);
      expect(rest[0]?.offset).toBe(resumeFrom);
      const union = [...seen, ...rest];
      expectWholeJournal(union, stateDir, jobId);
      expect(union.at(-1)).toMatchObject({ type: 'finished', status: 'succeeded' });
      expect(result).toMatchObject({ jobId, ended: 'finished', status: 'succeeded', nextOffset: union.length });
      expect(union.filter((event) => event.type === 'step.done')).toHaveLength(25);
      await waitFor(() => (isRunning(pid) ? undefined : true), 'the job process to exit');

      // Following again from the end answers at once with nothing new.
      expect(await followToEnd(second.client, jobId, union.length)).toMatchObject({
        events: [],
        result: { ended: 'finished' },
      });
      second.client.close();
      expect(await second.agent.exited).toBe(0);
    },
  );

  it(
    'refuses to cancel a step that must not stop halfway, naming it, and cancels once it is over',
    { timeout: 30_000 },
    async () => {
      const { client, stateDir, close } = await freshAgent();
      const { jobId } = await startSteps(client, { steps: 3, stepMs: 1_500, uncancellableAt: 1 });
      const events: JobEvent[] = [];
      const following = followJob(client, jobId, 0, (event) => void events.push(event));
      await waitFor(() => (events.some((event) => event.type === 'step.started') ? true : undefined), 'step 1');
      await expect(client.call('jobs.cancel', { jobId })).rejects.toMatchObject({
        code: 'jobs.notCancellable',
        params: { step: 'step-1' },
      });
      await waitFor(
        () => (events.some((event) => event.type === 'step.started' && event.step === 'step-2') ? true : undefined),
        'step 2',
      );
      expect(await client.call('jobs.cancel', { jobId })).toEqual({ jobId, signalled: true, status: 'running' });
      expect(await following).toMatchObject({ ended: 'finished', status: 'cancelled' });
      expect(events.filter((event) => event.type === 'step.done').map((event) => event.step)).toEqual(['step-1']);
      expectWholeJournal(events, stateDir, jobId);
      await close();
    },
  );

  it(
    'refuses a second mutating job naming the holder, cancels on request and journals it',
    { timeout: 30_000 },
    async () => {
      const { client, stateDir, close } = await freshAgent();
      const { jobId } = await startSteps(client, { steps: 100, stepMs: 100 });

      const refusal = (await startSteps(client, { steps: 1, stepMs: 0 }).catch((error: unknown) => error)) as AppError;
      expect(refusal).toBeInstanceOf(AppError);
      expect(refusal.data).toMatchObject({
        code: 'jobs.lockHeld',
        params: { jobId, kind: 'diagnostics.steps', pid: jobPid(stateDir, jobId) },
        retryable: true,
      });
      expect(Date.parse(String(refusal.data.params.since))).toBeLessThanOrEqual(Date.now());
      expect(refusal.data.detail).toContain(jobId);

      const events: JobEvent[] = [];
      const following = followJob(client, jobId, 0, (event) => void events.push(event));
      await waitFor(() => (events.some((event) => event.type === 'step.done') ? true : undefined), 'a finished step');
      expect(await client.call('jobs.cancel', { jobId })).toEqual({ jobId, signalled: true, status: 'running' });
      const result = await following;
      expect(result).toMatchObject({ ended: 'finished', status: 'cancelled' });
      expect(events.at(-1)).toMatchObject({ type: 'finished', status: 'cancelled' });
      expect(readJournal(stateDir, jobId).at(-1)).toMatchObject({ type: 'finished', status: 'cancelled' });
      expectWholeJournal(events, stateDir, jobId);

      await waitFor(() => (isRunning(jobPid(stateDir, jobId)) ? undefined : true), 'the cancelled job to exit');
      const { jobs } = await client.call('jobs.list', {});
      expect(jobs[0]).toMatchObject({ jobId, status: 'cancelled', nextOffset: events.length });
      expect(await client.call('jobs.cancel', { jobId })).toEqual({ jobId, signalled: false, status: 'cancelled' });

      // The lock went with the job: the next one starts.
      const next = await startSteps(client, { steps: 1, stepMs: 0 });
      expect((await followToEnd(client, next.jobId)).result.status).toBe('succeeded');
      await close();
    },
  );

  it(
    'recovers a stale lock whose holder was killed with SIGKILL, and closes that job as lost',
    { timeout: 30_000 },
    async () => {
      const { client, stateDir, close } = await freshAgent();
      const { jobId } = await startSteps(client, { steps: 100, stepMs: 100 });
      const pid = jobPid(stateDir, jobId);
      process.kill(-pid, 'SIGKILL');
      await waitFor(() => (isRunning(pid) ? undefined : true), 'the job process to die');
      expect(existsSync(path.join(stateDir, 'locks', 'mutating.lock'))).toBe(true);

      const next = await startSteps(client, { steps: 2, stepMs: 0 });
      expect(next.jobId).not.toBe(jobId);
      expect((await followToEnd(client, next.jobId)).result.status).toBe('succeeded');

      const dead = await followToEnd(client, jobId);
      expect(dead.events.at(-1)).toMatchObject({
        type: 'finished',
        status: 'failed',
        error: { code: 'jobs.lost', params: { jobId, pid }, retryable: true },
      });
      expectWholeJournal(dead.events, stateDir, jobId);
      const { jobs } = await client.call('jobs.list', {});
      expect(jobs.find((job) => job.jobId === jobId)).toMatchObject({ status: 'failed', error: { code: 'jobs.lost' } });
      await close();
    },
  );

  it(
    'a follower of a job that dies unseen is ended with jobs.lost instead of waiting forever',
    { timeout: 30_000 },
    async () => {
      const { client, stateDir, close } = await freshAgent();
      const { jobId } = await startSteps(client, { steps: 100, stepMs: 100 });
      const events: JobEvent[] = [];
      const following = followJob(client, jobId, 0, (event) => void events.push(event));
      await waitFor(() => (events.length > 3 ? true : undefined), 'some events');
      process.kill(-jobPid(stateDir, jobId), 'SIGKILL');
      expect(await following).toMatchObject({ ended: 'finished', status: 'failed' });
      expect(events.at(-1)).toMatchObject({ type: 'finished', error: { code: 'jobs.lost' } });
      expectWholeJournal(events, stateDir, jobId);
      await close();
    },
  );

  it(
    'reports a failing step with its reason, and a retry skips the steps already done',
    { timeout: 30_000 },
    async () => {
      const { client, close } = await freshAgent();
      const { jobId } = await startSteps(client, { steps: 5, stepMs: 10, failAt: 3 });
      const failed = await followToEnd(client, jobId);
      expect(failed.result.status).toBe('failed');
      expect(failed.events.find((event) => event.type === 'step.failed')).toMatchObject({
        step: 'step-3',
        reason: { code: 'diagnostics.failedOnPurpose', params: { step: 3 }, retryable: true },
      });
      expect(failed.events.at(-1)).toMatchObject({
        type: 'finished',
        status: 'failed',
        error: { code: 'jobs.stepFailed', params: { step: 'step-3', cause: 'diagnostics.failedOnPurpose' } },
      });
      expect(failed.events.filter((event) => event.type === 'step.done').map((event) => event.step)).toEqual([
        'step-1',
        'step-2',
      ]);

      const retry = await startSteps(client, { steps: 5, stepMs: 10 }, jobId);
      const retried = await followToEnd(client, retry.jobId);
      expect(retried.events[0]).toMatchObject({ type: 'job.started', attempt: 2 });
      expect(retried.events.filter((event) => event.type === 'step.skipped').map((event) => event.step)).toEqual([
        'step-1',
        'step-2',
      ]);
      expect(retried.events.filter((event) => event.type === 'step.started').map((event) => event.step)).toEqual([
        'step-3',
        'step-4',
        'step-5',
      ]);
      expect(retried.result.status).toBe('succeeded');

      const { jobs } = await client.call('jobs.list', {});
      expect(jobs.map((job) => [job.jobId, job.status, job.retryOf])).toEqual([
        [retry.jobId, 'succeeded', jobId],
        [jobId, 'failed', undefined],
      ]);
      await expect(startSteps(client, { steps: 1, stepMs: 0 }, 'j-000000000-00000000')).rejects.toMatchObject({
        code: 'jobs.notFound',
      });
      await close();
    },
  );

  it(
    'lets exactly one of two simultaneous starts win; the loser names the winner and leaves nothing behind',
    { timeout: 30_000 },
    async () => {
      const { client, close } = await freshAgent();
      const start = () => startSteps(client, { steps: 20, stepMs: 50 });
      const outcomes = await Promise.allSettled([start(), start()]);
      const won = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.jobId] : []));
      const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as AppError] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.data).toMatchObject({ code: 'jobs.lockHeld', params: { jobId: won[0] } });
      const { jobs } = await client.call('jobs.list', {});
      expect(jobs.map((job) => job.jobId)).toEqual(won);
      await client.call('jobs.cancel', { jobId: won[0]! });
      expect((await followToEnd(client, won[0]!)).result.status).toBe('cancelled');
      await close();
    },
  );

  it('ends a follow that the client cancels, with the offset to resume from', { timeout: 30_000 }, async () => {
    const { client, stateDir, close } = await freshAgent();
    const { jobId } = await startSteps(client, { steps: 20, stepMs: 50 });
    const seen: JobEvent[] = [];
    const stop = new AbortController();
    const result = await followJob(
      client,
      jobId,
      0,
      (event) => {
        seen.push(event);
        if (seen.length === 5) stop.abort();
      },
      { signal: stop.signal },
    );
    expect(result).toMatchObject({ ended: 'cancelled', status: 'running', nextOffset: seen.length });
    const rest = await followToEnd(client, jobId, result.nextOffset);
    expectWholeJournal([...seen, ...rest.events], stateDir, jobId);
    await close();
  });
});
