import { existsSync } from 'node:fs';
import { finding, type PreflightCheck } from './check.js';

/** sd_booted(3): systemd is the init system exactly when this directory exists. */
export const SYSTEMD_MARKER = '/run/systemd/system';

export const systemdCheck: PreflightCheck = {
  id: 'systemd',
  async run() {
    const present = existsSync(SYSTEMD_MARKER);
    return finding(
      'systemd',
      present ? 'ok' : 'warning',
      {},
      `${SYSTEMD_MARKER} ${present ? 'exists' : 'does not exist'}`,
    );
  },
};
