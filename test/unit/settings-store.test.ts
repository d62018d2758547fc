import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../electron/services/app/settings-store.js';
import { localesFromEnvironment, pickSystemLanguage } from '../../electron/main/system-language.js';

describe('SettingsStore', () => {
  it('starts from the defaults and persists changes across instances, readable only by the user', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mailharbor-settings-'));
    expect(await new SettingsStore(dir).get()).toEqual({ language: 'system', theme: 'system' });
    await new SettingsStore(dir).update({ language: 'nl' });
    await new SettingsStore(dir).update({ theme: 'dark' });
    expect(await new SettingsStore(dir).get()).toEqual({ language: 'nl', theme: 'dark' });
    expect((await stat(path.join(dir, 'settings.json'))).mode & 0o777).toBe(0o600);
  });

  it('moves an unreadable file aside instead of deleting it, and falls back to the defaults', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mailharbor-settings-'));
    await writeFile(path.join(dir, 'settings.json'), '{ this is not json');
    expect(await new SettingsStore(dir).get()).toEqual({ language: 'system', theme: 'system' });
    const kept = (await readdir(dir)).find((name) => name.startsWith('settings.json.unreadable-'));
    expect(kept).toBeDefined();
    expect(await readFile(path.join(dir, kept!), 'utf8')).toBe('{ this is not json');
  });
});

describe('system language', () => {
  it('picks the first preferred locale the interface is written in', () => {
    expect(pickSystemLanguage(['de-DE', 'nl-BE', 'en-US'])).toBe('nl');
    expect(pickSystemLanguage(['en-GB', 'nl-NL'])).toBe('en');
    expect(pickSystemLanguage(['fr_FR.UTF-8'])).toBe('en');
    expect(pickSystemLanguage(['nl_NL.UTF-8'])).toBe('nl');
  });

  it('reads POSIX locale variables and ignores C/POSIX', () => {
    expect(localesFromEnvironment({ LANG: 'C', LC_ALL: 'nl_NL.UTF-8' })[0]).toBe('nl_NL.UTF-8');
    expect(localesFromEnvironment({ LANG: 'POSIX' })).not.toContain('POSIX');
  });
});
