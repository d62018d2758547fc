import { machine } from 'node:os';
import { finding, type PreflightCheck } from './check.js';

const SUPPORTED = ['x86_64', 'aarch64'];

export const architectureCheck: PreflightCheck = {
  id: 'architecture',
  async run() {
    // uname -m, which is what the mail stack's images are published for.
    const found = machine();
    const params = { found, expected: SUPPORTED.join(', ') };
    return finding('architecture', SUPPORTED.includes(found) ? 'ok' : 'blocker', params, `uname machine: ${found}`);
  },
};
