import { requireJob } from '../jobs/jobs-handlers.js';
import type { StatePaths } from '../jobs/state-dir.js';
import type { Handlers } from '../server/rpc-server.js';
import { readStackAccess } from './access.js';
import { confirmDnsChallenge } from './certificates/manual-dns.js';
import { detectStack } from './detect.js';
import { readDnsFacts } from './dns-facts.js';
import { planInstall } from './plan.js';
import { stackPaths } from './stack-paths.js';

type StackCalls = Pick<
  Handlers,
  'stack.plan' | 'stack.detect' | 'stack.access' | 'stack.dnsFacts' | 'stack.confirmDnsChallenge'
>;

/** Read only, beside any job: what an install would change, what is installed, how to log in. */
export function createStackHandlers(paths: StatePaths): StackCalls {
  return {
    'stack.plan': (params, { signal }) => planInstall(params, signal),
    'stack.detect': async () => detectStack(stackPaths()),
    'stack.access': async () => readStackAccess(stackPaths()),
    'stack.dnsFacts': async () => readDnsFacts(stackPaths()),
    'stack.confirmDnsChallenge': async ({ jobId }) => {
      requireJob(paths, jobId);
      return { confirmed: confirmDnsChallenge(paths, jobId) };
    },
  };
}
