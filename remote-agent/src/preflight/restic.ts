import { compresses, resticVersion } from '../backups/restic-version.js';
import { aptCandidate } from '../stack/system/apt.js';
import { finding, type PreflightCheck } from './check.js';

/**
 * restic makes the backups. 0.14 and newer compress them; an older one (Ubuntu 22.04 ships 0.12)
 * works but stores everything uncompressed: more space in the bucket and slower uploads. Read from
 * the installed program, else from the version the distribution would install.
 */
export const resticCheck: PreflightCheck = {
  id: 'backups',
  async run({ signal }) {
    const installed = await resticVersion(signal);
    const version =
      installed.version ?? (await aptCandidate('restic', signal))?.replace(/^\d+:/, '').replace(/[-+~].*$/, '');
    const source = installed.installed ? 'installed' : 'apt';
    if (!version)
      return finding(
        'backups',
        'warning',
        { reason: 'unavailable', version: 'none' },
        'restic is neither installed nor installable with apt',
      );
    if (!compresses(version)) {
      return finding(
        'backups',
        'warning',
        { reason: 'noCompression', version },
        `restic ${version} (${source}) is older than 0.14`,
      );
    }
    return finding('backups', 'ok', { version }, `restic ${version} (${source})`);
  },
};
