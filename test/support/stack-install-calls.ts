// The install through the contract, as the setup page starts it and follows it.
import type { JobEvent } from '../../common/agent-contract.js';
import type { ContractCaller } from './ws-test-client.js';

/** jobs.follow from the job's first event; the call returns when the job has ended, with its status. */
export async function followJobToEnd(
  client: ContractCaller,
  serverId: string,
  jobId: string,
  streamId = 'follow1',
): Promise<string> {
  return (await client.callOk('jobs.follow', { streamId, serverId, jobId, fromOffset: 0 })).status;
}

/** stack.install of the full stack for `domain`, certificates by HTTP-01, followed to its end: the job's status. */
export async function installStack(client: ContractCaller, serverId: string, domain: string): Promise<string> {
  const { jobId } = await client.callOk('stack.install', {
    serverId,
    options: { domain, email: 'hostmaster@mailharbor.test', profile: 'full', certificates: { method: 'http' } },
  });
  return followJobToEnd(client, serverId, jobId);
}

/** Every jobs.event of one job that the client received, in the order it received them. */
export function jobEventsOf(
  client: { frames: readonly { name: string; payload: unknown }[] },
  jobId: string,
): JobEvent[] {
  return client.frames
    .filter((frame) => frame.name === 'jobs.event')
    .map((frame) => frame.payload as { jobId: string; event: JobEvent })
    .filter((payload) => payload.jobId === jobId)
    .map((payload) => payload.event);
}
