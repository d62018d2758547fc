import { readFile } from 'node:fs/promises';
import { finding, gib, GIB, type PreflightCheck } from './check.js';

const MINIMUM_GB = 2;
const RECOMMENDED_GB = 4;
/**
 * The kernel keeps part of the memory for itself, so a "2 GB" VPS reports about 1.9 GiB in
 * MemTotal: judge with 10% slack so a plan of the right size is not called too small.
 */
const SLACK = 0.9;

/** MemTotal from /proc/meminfo, in bytes; null when the line is missing. */
export function parseMemTotal(text: string): number | null {
  const match = /^MemTotal:\s+(\d+)\s*kB/m.exec(text);
  return match ? Number(match[1]) * 1024 : null;
}

export const memoryCheck: PreflightCheck = {
  id: 'memory',
  async run() {
    const text = await readFile('/proc/meminfo', 'utf8');
    const totalBytes = parseMemTotal(text);
    if (totalBytes === null) {
      return finding(
        'memory',
        'warning',
        { found: 'unknown', level: 'unknown', minimumGb: MINIMUM_GB, recommendedGb: RECOMMENDED_GB },
        '/proc/meminfo has no MemTotal line',
      );
    }
    const params = { found: gib(totalBytes), totalBytes, minimumGb: MINIMUM_GB, recommendedGb: RECOMMENDED_GB };
    const detail = `/proc/meminfo MemTotal: ${totalBytes / 1024} kB`;
    if (totalBytes >= RECOMMENDED_GB * GIB * SLACK) return finding('memory', 'ok', params, detail);
    // Below the minimum the stack may not start at all: a strong warning, but still the user's call.
    const level = totalBytes < MINIMUM_GB * GIB * SLACK ? 'strong' : 'normal';
    return finding('memory', 'warning', { ...params, level }, detail);
  },
};
