import { finding, type PreflightCheck } from './check.js';
import { runCommand } from './run-command.js';

export const clockCheck: PreflightCheck = {
  id: 'clock',
  async run({ signal }) {
    const outcome = await runCommand('timedatectl', ['show', '-p', 'NTPSynchronized', '--value'], {
      timeoutMs: 5_000,
      signal,
    });
    const serverTime = new Date().toISOString();
    if (!outcome.ok) return finding('clock', 'warning', { reason: 'clockUnknown', serverTime }, outcome.message);
    const value = outcome.stdout.trim();
    const detail = `timedatectl NTPSynchronized=${value}`;
    if (value === 'yes') return finding('clock', 'ok', { serverTime }, detail);
    return finding(
      'clock',
      'warning',
      { reason: value === 'no' ? 'notSynchronized' : 'clockUnknown', serverTime },
      detail,
    );
  },
};
