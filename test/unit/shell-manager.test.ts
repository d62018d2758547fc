import { describe, expect, it } from 'vitest';
import type { EventChannel } from '../../electron/rpc/event-channel.js';
import type { RootShellTargetOf } from '../../electron/services/shell/root-shell-target.js';
import { ShellManager } from '../../electron/services/shell/shell-manager.js';

describe('ShellManager', () => {
  it('refuses a shell beyond its limits with shell.tooMany, naming them, before touching the server', async () => {
    let asked = 0;
    // The first shell stays "opening" (its server never answers): it already counts.
    const targetOf: RootShellTargetOf = () => {
      asked++;
      return new Promise(() => {});
    };
    const manager = new ShellManager(targetOf, { perServer: 1, total: 2 });
    const owner = {} as EventChannel;
    void manager.open('s1', { cols: 80, rows: 24 }, owner);
    await expect(manager.open('s1', { cols: 80, rows: 24 }, owner)).rejects.toMatchObject({
      code: 'shell.tooMany',
      params: { perServer: 1, total: 2 },
      retryable: true,
    });
    void manager.open('s2', { cols: 80, rows: 24 }, owner);
    await expect(manager.open('s3', { cols: 80, rows: 24 }, owner)).rejects.toMatchObject({ code: 'shell.tooMany' });
    expect(asked).toBe(2);
  });
});
