import { readFile } from 'node:fs/promises';
import { finding, type PreflightCheck } from './check.js';

/** The distributions and versions the mail stack's installer supports. */
const SUPPORTED: Record<string, string[]> = {
  ubuntu: ['20.04', '22.04', '24.04'],
  debian: ['11', '12', '13'],
};

export interface OsRelease {
  id: string;
  versionId: string;
  prettyName: string;
}

/**
 * Parses os-release(5): KEY=value lines, values optionally quoted with shell-style escapes.
 * Returns only the fields the check needs; missing ones are empty strings.
 */
export function parseOsRelease(text: string): OsRelease {
  const fields = new Map<string, string>();
  for (const line of text.split('\n').slice(0, 1000)) {
    const match = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2]!.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\([\\$"`])/g, '$1');
    }
    fields.set(match[1]!, value);
  }
  return {
    id: (fields.get('ID') ?? '').toLowerCase(),
    versionId: fields.get('VERSION_ID') ?? '',
    prettyName: fields.get('PRETTY_NAME') ?? fields.get('NAME') ?? '',
  };
}

export function judgeOs(os: OsRelease): { supported: boolean; reason: string } {
  const versions = SUPPORTED[os.id];
  if (!versions) return { supported: false, reason: 'unsupportedDistribution' };
  if (!versions.includes(os.versionId)) return { supported: false, reason: 'unsupportedVersion' };
  return { supported: true, reason: '' };
}

const EXPECTED = 'Ubuntu 20.04, 22.04, 24.04; Debian 11, 12, 13';

export const osCheck: PreflightCheck = {
  id: 'os',
  async run() {
    let text: string;
    try {
      text = await readFile('/etc/os-release', 'utf8');
    } catch (error) {
      return finding(
        'os',
        'blocker',
        { found: 'unknown', expected: EXPECTED, reason: 'noOsRelease' },
        `/etc/os-release: ${(error as Error).message}`,
      );
    }
    const os = parseOsRelease(text.slice(0, 64 * 1024));
    const verdict = judgeOs(os);
    const found = os.prettyName || `${os.id} ${os.versionId}`.trim() || 'unknown';
    const params: Record<string, string> = { found, distribution: os.id, version: os.versionId, expected: EXPECTED };
    const detail = `/etc/os-release: ID=${os.id} VERSION_ID=${os.versionId} PRETTY_NAME=${os.prettyName}`;
    if (verdict.supported) return finding('os', 'ok', params, detail);
    return finding('os', 'blocker', { ...params, reason: verdict.reason }, detail);
  },
};
