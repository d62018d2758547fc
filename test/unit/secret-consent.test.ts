import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventChannel } from '../../electron/rpc/event-channel.js';
import { EventHub } from '../../electron/rpc/event-hub.js';
import { dispatchCall } from '../../electron/rpc/dispatch.js';
import { createHandlers } from '../../electron/services/handlers.js';
import type { SecretCipher } from '../../electron/vault/cipher.js';
import { testEnvironment } from '../support/test-environment.js';

/** What Electron's safeStorage amounts to on Linux without a keyring ('basic_text'): reversible, not secret. */
const basicText: SecretCipher = {
  strength: 'weak',
  encrypt: async (plain) => Buffer.from(plain, 'utf8'),
  decrypt: async (sealed) => sealed.toString('utf8'),
};

const server = {
  name: 'VPS',
  host: '203.0.113.10',
  username: 'root',
  auth: { method: 'password', password: 'hunter2-but-longer' },
};

describe('storing passwords without a keyring', () => {
  it('is refused until the user agrees in Settings, and says so', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mailharbor-consent-'));
    const handlers = createHandlers(testEnvironment(dataDir, { cipher: basicText }), new EventHub());
    const context = { events: new EventChannel(() => {}) };

    const info = await dispatchCall(handlers, 'app.info', {}, context);
    expect(info.ok && (info.value as { secretStorage: string }).secretStorage).toBe('weak');

    const refused = await dispatchCall(handlers, 'servers.add', server, context);
    expect(refused.ok ? 'ok' : refused.error.code).toBe('vault.consentRequired');
    expect(await dispatchCall(handlers, 'servers.list', {}, context)).toEqual({ ok: true, value: { servers: [] } });

    await dispatchCall(handlers, 'settings.update', { allowWeakSecretStorage: true }, context);
    const added = await dispatchCall(handlers, 'servers.add', server, context);
    expect(added.ok).toBe(true);
  });
});
