import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../common/errors/app-error';
import { checkValues, EMPTY_VALUES, isPlausibleHost, problemsFromError, toInput } from './add-server-form';

describe('add-server form', () => {
  it('names every missing or malformed field before anything is sent', () => {
    expect(checkValues({ ...EMPTY_VALUES, port: '70000' })).toEqual({
      name: 'nameRequired',
      host: 'hostRequired',
      port: 'portInvalid',
      password: 'passwordRequired',
    });
    expect(checkValues({ ...EMPTY_VALUES, name: 'x', host: 'http://x', password: 'p', username: 'a b' })).toEqual({
      host: 'hostInvalid',
      username: 'usernameInvalid',
    });
  });

  it('accepts IP addresses and host names, and refuses what main would refuse', () => {
    for (const host of ['203.0.113.10', '127.0.0.1', '::1', '2001:db8::1', 'vps.example.com', 'münchen.de', 'vps1']) {
      expect(isPlausibleHost(host), host).toBe(true);
    }
    for (const host of ['256.1.1.1', '1.2.3', '-bad.example', 'a b', 'https://x.example', 'x'.repeat(64)]) {
      expect(isPlausibleHost(host), host).toBe(false);
    }
  });

  it('tells a public key from a private one', () => {
    const values = { ...EMPTY_VALUES, name: 'x', host: 'vps1', method: 'privateKey' as const };
    expect(checkValues({ ...values, privateKey: 'ssh-ed25519 AAAAC3Nza me' }).privateKey).toBe('privateKeyIsPublic');
    expect(checkValues({ ...values, privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\n...' })).toEqual({});
  });

  it('sends only the chosen way of logging in, and a sudo password only for other users than root', () => {
    const base = { ...EMPTY_VALUES, name: ' Mail ', host: ' vps.example.com ', port: '2222', password: 'secret' };
    expect(toInput({ ...base, sudoPassword: 'ignored' })).toEqual({
      name: 'Mail',
      host: 'vps.example.com',
      port: 2222,
      username: 'root',
      auth: { method: 'password', password: 'secret' },
    });
    expect(toInput({ ...base, username: 'deploy', method: 'agent', sudoPassword: 's' })).toMatchObject({
      auth: { method: 'agent' },
      sudoPassword: 's',
    });
  });

  it('puts main’s refusals on the fields they are about', () => {
    const invalid = new AppError('contract.invalidInput', {
      params: { name: 'servers.add', fields: 'host, auth.privateKey' },
      detail: 'host: use a host name like vps.example.com; auth.privateKey: Too small',
    });
    expect(problemsFromError(invalid)).toEqual({ host: 'hostInvalid', privateKey: 'privateKeyUnreadable' });
    expect(problemsFromError(new AppError('ssh.badPassphrase'))).toEqual({ passphrase: 'passphraseWrong' });
    expect(problemsFromError(new AppError('vault.consentRequired'))).toBeUndefined();
  });
});
