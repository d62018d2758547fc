import { describe, expect, it } from 'vitest';
import { judgeOs, parseOsRelease } from './os-release.js';

const DEBIAN_12 = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
`;

const UBUNTU_2404 = `PRETTY_NAME="Ubuntu 24.04.1 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.1 LTS (Noble Numbat)"
ID=ubuntu
ID_LIKE=debian
`;

const CENTOS = `NAME='CentOS Stream'
VERSION="9"
ID="centos"
ID_LIKE="rhel fedora"
VERSION_ID="9"
PRETTY_NAME="CentOS Stream 9"
`;

describe('parseOsRelease', () => {
  it('reads the ID, VERSION_ID and PRETTY_NAME of Debian and Ubuntu', () => {
    expect(parseOsRelease(DEBIAN_12)).toEqual({
      id: 'debian',
      versionId: '12',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
    });
    expect(parseOsRelease(UBUNTU_2404)).toEqual({ id: 'ubuntu', versionId: '24.04', prettyName: 'Ubuntu 24.04.1 LTS' });
  });

  it('handles single quotes, escapes, comments and a missing VERSION_ID', () => {
    expect(parseOsRelease(`# comment\nID='arch'\nPRETTY_NAME="Say \\"hi\\""\n`)).toEqual({
      id: 'arch',
      versionId: '',
      prettyName: 'Say "hi"',
    });
  });
});

describe('judgeOs', () => {
  it('accepts Ubuntu 20.04/22.04/24.04 and Debian 11/12/13', () => {
    for (const versionId of ['20.04', '22.04', '24.04']) {
      expect(judgeOs({ id: 'ubuntu', versionId, prettyName: '' }).supported).toBe(true);
    }
    for (const versionId of ['11', '12', '13']) {
      expect(judgeOs({ id: 'debian', versionId, prettyName: '' }).supported).toBe(true);
    }
  });

  it('refuses other distributions and versions, and says which it was', () => {
    expect(judgeOs(parseOsRelease(CENTOS))).toEqual({ supported: false, reason: 'unsupportedDistribution' });
    expect(judgeOs({ id: 'ubuntu', versionId: '23.10', prettyName: '' })).toEqual({
      supported: false,
      reason: 'unsupportedVersion',
    });
    expect(judgeOs({ id: 'debian', versionId: '10', prettyName: '' }).supported).toBe(false);
    // Debian testing has no VERSION_ID.
    expect(judgeOs({ id: 'debian', versionId: '', prettyName: '' }).supported).toBe(false);
  });
});
