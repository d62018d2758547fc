import { describe, expect, it } from 'vitest';
import { sshErrorFrom } from '../../electron/ssh/ssh-errors.js';

const target = { host: 'vps.example.com', port: 22, username: 'root' };

/** What Node's resolver and ssh2 report, by their own codes and levels, mapped to one plain error each. */
describe('SSH error mapping', () => {
  it.each([
    [{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND vps.example.com' }, 'ssh.hostNotFound'],
    [{ code: 'EAI_AGAIN', message: 'getaddrinfo EAI_AGAIN vps.example.com' }, 'ssh.hostNotFound'],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'ssh.refused'],
    [{ code: 'EHOSTUNREACH', message: 'connect EHOSTUNREACH' }, 'ssh.unreachable'],
    [{ code: 'ETIMEDOUT', message: 'connect ETIMEDOUT' }, 'ssh.timeout'],
    [{ level: 'client-timeout', message: 'Timed out while waiting for handshake' }, 'ssh.timeout'],
    [{ code: 'ECONNRESET', message: 'read ECONNRESET' }, 'ssh.disconnected'],
  ])('%j becomes %s, naming the server', (raw, code) => {
    const error = sshErrorFrom(Object.assign(new Error(raw.message), raw), target, 'password');
    expect(error.code).toBe(code);
    expect(error.params).toMatchObject({ host: 'vps.example.com', port: 22 });
    expect(error.retryable).toBe(true);
  });

  it('a refused login says which user and which method', () => {
    const raw = Object.assign(new Error('All configured authentication methods failed'), {
      level: 'client-authentication',
    });
    const error = sshErrorFrom(raw, target, 'privateKey');
    expect(error.code).toBe('ssh.authFailed');
    expect(error.params).toMatchObject({ username: 'root', method: 'privateKey' });
  });
});
