import { isCompatibleProtocol, PROTOCOL_VERSION } from '../../../common/agent-contract.js';
import { logsFollow } from '../dashboard/logs.js';
import { stackStatus, stackWatch } from '../dashboard/status.js';
import { AppError } from '../../../common/errors/app-error.js';
import { followJournal } from '../jobs/follow-journal.js';
import { JobMetaSchema, readJson, StartRecordSchema } from '../jobs/job-files.js';
import { isFinalStatus, jobSummary, listJobs } from '../jobs/job-status.js';
import { startJob } from '../jobs/start-job.js';
import { jobPaths, type StatePaths } from '../jobs/state-dir.js';
import { runPreflight } from '../preflight/run-preflight.js';
import { readStackAccess } from '../stack/access.js';
import { confirmDnsChallenge } from '../stack/certificates/manual-dns.js';
import { detectStack } from '../stack/detect.js';
import { readDnsFacts } from '../stack/dns-facts.js';
import { planInstall } from '../stack/plan.js';
import { stackPaths } from '../stack/stack-paths.js';
import type { Handlers } from './rpc-server.js';
import { isAlive } from '../system/process-identity.js';
import { AGENT_VERSION } from './agent-version.js';

/** What the agent answers to each method of the contract. */
export function createHandlers(paths: StatePaths, agentScript: string): Handlers {
  return {
    'agent.hello': async ({ clientProtocol }) => {
      if (!isCompatibleProtocol(clientProtocol, PROTOCOL_VERSION)) {
        throw new AppError('agent.protocolMismatch', {
          params: { agentProtocol: PROTOCOL_VERSION, clientProtocol },
          detail: `this agent speaks protocol ${PROTOCOL_VERSION}, the app speaks ${clientProtocol}: redeploy the agent`,
        });
      }
      return {
        agentVersion: AGENT_VERSION,
        protocolVersion: PROTOCOL_VERSION,
        nodeVersion: process.version,
        arch: process.arch,
        platform: process.platform,
        pid: process.pid,
        uid: process.getuid?.() ?? -1,
        stateDir: paths.root,
      };
    },

    'jobs.start': (params, { signal }) => startJob(paths, params, agentScript, signal),

    'jobs.list': async ({ limit }) => ({ jobs: listJobs(paths, limit ?? 100) }),

    'jobs.follow': async ({ jobId, fromOffset, followId }, { signal, notify }) => {
      requireJob(paths, jobId);
      const outcome = await followJournal({
        paths,
        jobId,
        fromOffset,
        signal,
        send: (event) => notify('jobs.event', { followId, jobId, event }),
      });
      return { jobId, ...outcome, status: jobSummary(paths, jobId)?.status ?? 'failed' };
    },

    'jobs.cancel': async ({ jobId }) => {
      const summary = requireJob(paths, jobId);
      if (isFinalStatus(summary.status)) return { jobId, signalled: false, status: summary.status };
      const start = readJson(jobPaths(paths, jobId).start, StartRecordSchema);
      if (!start?.ok || !isAlive(start)) return { jobId, signalled: false, status: summary.status };
      try {
        // The job leads its own process group: the signal reaches what its steps started, too.
        process.kill(-start.pid, 'SIGTERM');
      } catch (error) {
        // ESRCH: it ended between the check and the signal; its journal says how.
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
        return { jobId, signalled: false, status: jobSummary(paths, jobId)?.status ?? summary.status };
      }
      return { jobId, signalled: true, status: summary.status };
    },

    // Read only, so it runs here beside any job and takes no lock.
    'preflight.run': (params, { signal }) => runPreflight(params, signal),

    // Read only as well: what an install would change, what is installed, how to log in.
    'stack.plan': (params, { signal }) => planInstall(params, signal),
    'stack.detect': async () => detectStack(stackPaths()),
    'stack.access': async () => readStackAccess(stackPaths()),
    'stack.dnsFacts': async () => readDnsFacts(stackPaths()),
    'stack.confirmDnsChallenge': async ({ jobId }) => {
      requireJob(paths, jobId);
      return { confirmed: confirmDnsChallenge(paths, jobId) };
    },

    // The dashboard: read only, beside any job. The two streams run until the client cancels.
    'stack.status': (params, { signal }) => stackStatus(params, { signal }),
    'stack.watch': (params, context) => stackWatch(params, context),
    'logs.follow': (params, context) => logsFollow(params, context),
  };
}

function requireJob(paths: StatePaths, jobId: string) {
  const summary = readJson(jobPaths(paths, jobId).meta, JobMetaSchema) && jobSummary(paths, jobId);
  if (!summary) throw new AppError('jobs.notFound', { params: { jobId }, detail: `no job ${jobId}` });
  return summary;
}
