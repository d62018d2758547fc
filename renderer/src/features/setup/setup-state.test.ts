import { describe, expect, it, vi } from 'vitest';
import type { JobSummary } from '../../../../common/agent-contract';
import type { StackOptions } from '../../../../common/stack/stack-contract';
import type { ContractClient } from '../../api/client';
import { createSetupState, latestInstallJob } from './setup-state';

// The app's own client opens a socket when imported; these tests bring their own.
vi.mock('../../api', () => ({ api: {} }));

const SERVER = 'srv-abcdefgh';
const OPTIONS: StackOptions = {
  domain: 'vps1.mailharbor.test',
  email: 'owner@example.net',
  profile: 'full',
  certificates: { method: 'http' },
};
const PREFLIGHT = { findings: [], checkedAt: '2026-11-25T03:00:00.000Z' };
const ACCESS = {
  domain: 'vps1.mailharbor.test',
  webUrl: 'https://vps1.mailharbor.test',
  username: 'admin',
  password: 'secret',
  profile: 'full',
  imageTag: 'v1.1.0',
  mailClient: { smtp: { host: 'smtp.vps1.mailharbor.test', port: 465 } },
};

function job(jobId: string, status: JobSummary['status'], createdAt: string, kind = 'stack.install'): JobSummary {
  return { jobId, kind, status, createdAt, nextOffset: 0 };
}

/** A client that answers each call from `answers` and records what it was sent. */
function fakeClient(answers: Record<string, (input: unknown) => unknown>) {
  const sent: { name: string; input: unknown }[] = [];
  const client = {
    async call(name: string, input: unknown) {
      sent.push({ name, input });
      const answer = answers[name];
      if (!answer) throw new Error(`unexpected call ${name}`);
      return answer(input);
    },
    on: () => () => undefined,
    onReconnect: () => () => undefined,
  } as unknown as ContractClient;
  return { client, sent, names: () => sent.map((entry) => entry.name) };
}

describe('the setup wizard’s state', () => {
  it('starts with the checks on a server without an install', async () => {
    const fake = fakeClient({
      'jobs.list': () => ({ jobs: [job('j-diagnostic-1', 'failed', '2026-01-01T00:00:00Z', 'diagnostics.steps')] }),
      'preflight.run': () => PREFLIGHT,
    });
    const store = createSetupState(fake.client);
    await store.getState().open(SERVER);
    expect(store.getState()).toMatchObject({ serverId: SERVER, stage: 'preflight' });
    expect(store.getState().preflight).toEqual({ status: 'ready', value: PREFLIGHT });
  });

  it('re-attaches to an install that is running or stopped instead of starting another', async () => {
    for (const status of ['running', 'failed', 'cancelled'] as const) {
      const fake = fakeClient({
        'jobs.list': () => ({
          jobs: [
            job('j-older-install', 'failed', '2026-01-01T00:00:00Z'),
            job('j-newer-install', status, '2026-01-02T00:00:00Z'),
          ],
        }),
      });
      const store = createSetupState(fake.client);
      await store.getState().open(SERVER);
      expect(store.getState()).toMatchObject({ stage: 'install', jobId: 'j-newer-install' });
      expect(fake.names()).toEqual(['jobs.list']);
    }
  });

  it('shows the login details when the last install succeeded', async () => {
    const fake = fakeClient({
      'jobs.list': () => ({ jobs: [job('j-done-install', 'succeeded', '2026-01-01T00:00:00Z')] }),
      'stack.access': () => ACCESS,
    });
    const store = createSetupState(fake.client);
    await store.getState().open(SERVER);
    expect(store.getState().stage).toBe('success');
    expect(store.getState().access).toEqual({ status: 'ready', value: ACCESS });
  });

  it('prefills and keeps the domain of an existing install', async () => {
    const fake = fakeClient({
      'jobs.list': () => ({ jobs: [] }),
      'preflight.run': () => PREFLIGHT,
      'stack.detect': () => ({
        installedBy: 'upstream',
        directory: '/root/forwardemail.net/self-hosting',
        domain: 'old.example.com',
        profile: 'forwarding',
      }),
    });
    const store = createSetupState(fake.client);
    await store.getState().open(SERVER);
    store.getState().toOptions();
    await vi.waitFor(() => expect(store.getState().detection.status).toBe('ready'));
    expect(store.getState().values).toMatchObject({ domain: 'old.example.com', profile: 'forwarding' });
  });

  it('makes the plan with the checked options and installs with them', async () => {
    const fake = fakeClient({
      'jobs.list': () => ({ jobs: [] }),
      'preflight.run': () => PREFLIGHT,
      'stack.plan': () => ({ detection: { installedBy: 'none', directory: '/opt/x' }, steps: [] }),
      'stack.install': () => ({ jobId: 'j-new-install' }),
    });
    const store = createSetupState(fake.client);
    await store.getState().open(SERVER);
    await store.getState().toPlan(OPTIONS);
    expect(store.getState().stage).toBe('plan');
    await store.getState().install();
    expect(store.getState()).toMatchObject({ stage: 'install', jobId: 'j-new-install' });
    expect(fake.sent.at(-1)).toEqual({ name: 'stack.install', input: { serverId: SERVER, options: OPTIONS } });
  });

  it('retries a failed install with retryOf, and without known choices asks for them first', async () => {
    const fake = fakeClient({
      'jobs.list': () => ({ jobs: [job('j-failed-install', 'failed', '2026-01-01T00:00:00Z')] }),
      'stack.detect': () => ({ installedBy: 'mailharbor', directory: '/opt/x', domain: 'vps1.mailharbor.test' }),
      'stack.plan': () => ({ detection: { installedBy: 'mailharbor', directory: '/opt/x' }, steps: [] }),
      'stack.install': () => ({ jobId: 'j-retry-install' }),
    });
    const store = createSetupState(fake.client);
    await store.getState().open(SERVER);
    // Re-attached: this window never had the choices (tokens are not kept anywhere else).
    await store.getState().retryInstall('j-failed-install');
    expect(store.getState()).toMatchObject({ stage: 'options', retryOf: 'j-failed-install' });

    await store.getState().toPlan(OPTIONS);
    await store.getState().install();
    expect(fake.sent.at(-1)).toEqual({
      name: 'stack.install',
      input: { serverId: SERVER, options: OPTIONS, retryOf: 'j-failed-install' },
    });
    expect(store.getState()).toMatchObject({ stage: 'install', jobId: 'j-retry-install', retryOf: undefined });

    // With the choices known, Try again starts at once.
    await store.getState().retryInstall('j-retry-install');
    expect(fake.sent.at(-1)).toEqual({
      name: 'stack.install',
      input: { serverId: SERVER, options: OPTIONS, retryOf: 'j-retry-install' },
    });
  });

  it('keeps an install that could not start on the plan, with the error', async () => {
    const refused = new Error('jobs.lockHeld');
    const fake = fakeClient({
      'jobs.list': () => ({ jobs: [] }),
      'preflight.run': () => PREFLIGHT,
      'stack.plan': () => ({ detection: { installedBy: 'none', directory: '/opt/x' }, steps: [] }),
      'stack.install': () => {
        throw refused;
      },
    });
    const store = createSetupState(fake.client);
    await store.getState().open(SERVER);
    await store.getState().toPlan(OPTIONS);
    await store.getState().install();
    expect(store.getState().stage).toBe('plan');
    expect(store.getState().installStart).toEqual({ status: 'failed', error: refused });
  });

  it('drops an answer about a server the wizard no longer shows', async () => {
    let answer: (value: unknown) => void = () => undefined;
    const fake = fakeClient({
      'jobs.list': () => ({ jobs: [] }),
      'preflight.run': () => new Promise((resolve) => (answer = resolve)),
    });
    const store = createSetupState(fake.client);
    const opening = store.getState().open(SERVER);
    await vi.waitFor(() => expect(store.getState().preflight.status).toBe('loading'));
    store.getState().reset();
    answer(PREFLIGHT);
    await opening;
    expect(store.getState()).toMatchObject({ serverId: undefined, preflight: { status: 'idle' } });
  });

  it('finds the newest install among all jobs', () => {
    expect(
      latestInstallJob([
        job('j-install-one', 'failed', '2026-01-01T00:00:00Z'),
        job('j-diagnostics', 'running', '2026-01-03T00:00:00Z', 'diagnostics.steps'),
        job('j-install-two', 'succeeded', '2026-01-02T00:00:00Z'),
      ])?.jobId,
    ).toBe('j-install-two');
    expect(latestInstallJob([])).toBeUndefined();
  });
});
