import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors/app-error.js';
import { commandLine } from '../../electron/ssh/remote-command.js';
import { parsePrivateKey } from '../../electron/ssh/ssh-connect.js';
import { SshTargetSchema } from '../../electron/ssh/target.js';

describe('remote command lines', () => {
  it('reach the remote shell as exactly the given arguments, whatever they hold', () => {
    const nasty = ["it's", '$(touch /tmp/pwned)', '`id`', 'a b', 'semi;colon', 'new\nline', '*', '', '"quoted"', '\\'];
    // The same POSIX shell rules the server applies: sh -c '<line>' must print the arguments back.
    const line = commandLine(['printf', '%s\\0', ...nasty]);
    const output = execFileSync('sh', ['-c', line], { encoding: 'utf8' });
    expect(output.split('\0').slice(0, -1)).toEqual(nasty);
  });

  it('refuses a NUL byte, which no shell can carry', () => {
    expect(() => commandLine(['echo', 'a\0b'])).toThrow(/NUL/);
  });
});

describe('connection target validation', () => {
  it('accepts host names, IDNs and IP addresses', () => {
    for (const host of ['vps.example.com', '203.0.113.10', '2001:db8::1', 'bücher.example', 'localhost']) {
      expect(SshTargetSchema.safeParse({ host, username: 'root' }).success, host).toBe(true);
    }
  });

  it('names the field and the fix for bad input', () => {
    const result = SshTargetSchema.safeParse({ host: 'no spaces.example', port: 70000, username: '-rf' });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message]));
    expect(byField.host).toMatch(/host name like/);
    expect(byField.port).toBeDefined();
    expect(byField.username).toMatch(/login name/);
  });
});

describe('private keys', () => {
  async function keyWithPassphrase(type: string, passphrase: string, format: string[] = []): Promise<string> {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'mailharbor-key-')), 'id');
    execFileSync('ssh-keygen', ['-q', '-t', type, '-N', passphrase, ...format, '-f', file]);
    return readFile(file, 'utf8');
  }

  const codeOf = (action: () => unknown) => {
    try {
      action();
      return 'ok';
    } catch (error) {
      return error instanceof AppError ? error.code : String(error);
    }
  };

  it.each([
    ['ed25519', []],
    ['ecdsa', []],
    ['rsa', []],
    ['rsa', ['-m', 'PEM']],
  ])('tells a missing and a wrong passphrase apart for %s %j keys', async (type, format) => {
    const text = await keyWithPassphrase(type, 'correct horse', format);
    expect(codeOf(() => parsePrivateKey(text, 'correct horse'))).toBe('ok');
    expect(codeOf(() => parsePrivateKey(text, undefined))).toBe('ssh.passphraseRequired');
    expect(codeOf(() => parsePrivateKey(text, 'wrong'))).toBe('ssh.badPassphrase');
  });

  it('says when the text is not a key at all', () => {
    expect(codeOf(() => parsePrivateKey('hello', undefined))).toBe('ssh.keyUnreadable');
  });
});

describe('host validation shared with the renderer', () => {
  it('refuses what is neither a host name nor an IP address', () => {
    for (const host of [
      'a b',
      'host/path',
      'user@host',
      '1.2.3.4.5',
      '::zz',
      'exa_mple.com',
      '-bad.example',
      `${'a'.repeat(64)}.com`,
    ]) {
      expect(SshTargetSchema.safeParse({ host, username: 'root' }).success, host).toBe(false);
    }
  });
});
