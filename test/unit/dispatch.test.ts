import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors/app-error.js';
import { EventChannel } from '../../electron/rpc/event-channel.js';
import { EventHub } from '../../electron/rpc/event-hub.js';
import { dispatchCall, type Handlers } from '../../electron/rpc/dispatch.js';
import { createHandlers } from '../../electron/services/handlers.js';
import { testEnvironment } from '../support/test-environment.js';

async function realHandlers(): Promise<Handlers> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mailharbor-dispatch-'));
  return createHandlers(
    testEnvironment(dataDir, { version: '9.9.9', platform: 'linux', systemLanguage: 'nl' }),
    new EventHub(),
  );
}

const context = { events: new EventChannel(() => {}) };

describe('dispatchCall', () => {
  it('answers a valid call with a value that matches the contract', async () => {
    const result = await dispatchCall(await realHandlers(), 'app.info', {}, context);
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'Mailharbor',
        version: '9.9.9',
        platform: 'linux',
        systemLanguage: 'nl',
        secretStorage: 'key-file',
      },
    });
  });

  it('refuses an unknown channel without running anything', async () => {
    const result = await dispatchCall(await realHandlers(), 'shell.exec', { command: 'rm -rf /' }, context);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('contract.unknownChannel');
      expect(result.error.params.name).toBe('shell.exec');
    }
  });

  it('refuses a non-string channel name', async () => {
    const result = await dispatchCall(await realHandlers(), { toString: () => 'x' }, {}, context);
    expect(result.ok ? 'ok' : result.error.code).toBe('contract.unknownChannel');
  });

  it('refuses a bad payload and names the field and the reason', async () => {
    const handlers = await realHandlers();
    const result = await dispatchCall(handlers, 'settings.update', { language: 'fr' }, context);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('contract.invalidInput');
      expect(result.error.params.fields).toBe('language');
      expect(result.error.detail).toMatch(/^language: /);
    }
    // Nothing was changed by the refused call.
    expect(await dispatchCall(handlers, 'settings.get', {}, context)).toEqual({
      ok: true,
      value: { language: 'system', theme: 'system' },
    });
  });

  it('refuses fields the contract does not declare', async () => {
    const result = await dispatchCall(await realHandlers(), 'settings.update', { theme: 'dark', admin: true }, context);
    expect(result.ok ? 'ok' : result.error.code).toBe('contract.invalidInput');
  });

  it('catches a handler that returns something the contract does not promise', async () => {
    const handlers = await realHandlers();
    const broken = {
      ...handlers,
      'settings.get': async () => ({ language: 'klingon', theme: 'dark' }),
    } as unknown as Handlers;
    const result = await dispatchCall(broken, 'settings.get', {}, context);
    expect(result.ok ? 'ok' : result.error.code).toBe('contract.invalidOutput');
  });

  it('carries an AppError across as a value and hides other errors behind a retryable internal code', async () => {
    const handlers = await realHandlers();
    const failing = {
      ...handlers,
      'settings.get': async () => {
        throw new AppError('settings.unreadable', { detail: 'EACCES', retryable: true });
      },
      'app.info': async () => {
        throw new TypeError('boom');
      },
    } as Handlers;
    const known = await dispatchCall(failing, 'settings.get', {}, context);
    expect(known).toEqual({
      ok: false,
      error: { code: 'settings.unreadable', params: {}, detail: 'EACCES', retryable: true },
    });
    const unknown = await dispatchCall(failing, 'app.info', {}, context);
    expect(unknown).toEqual({ ok: false, error: { code: 'internal', params: {}, detail: 'boom', retryable: true } });
  });
});

describe('errors from the agent', () => {
  it('keep their code and words across main instead of turning into "internal"', async () => {
    const handlers = await realHandlers();
    const agentError = Object.assign(new Error('jobs.lockHeld: held by j-1'), {
      data: { code: 'jobs.lockHeld', params: { jobId: 'j-1' }, detail: 'held by j-1', retryable: true },
    });
    const failing = {
      ...handlers,
      'app.info': async () => {
        throw agentError;
      },
    } as Handlers;
    expect(await dispatchCall(failing, 'app.info', {}, context)).toEqual({
      ok: false,
      error: { code: 'jobs.lockHeld', params: { jobId: 'j-1' }, detail: 'held by j-1', retryable: true },
    });
  });
});
