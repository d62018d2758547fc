import { JobIdSchema } from '../../common/agent-contract.js';
import { runJob } from './jobs/run-job.js';
import { statePaths } from './jobs/state-dir.js';
import { LineWriter } from '../../common/rpc/line-writer.js';
import { serveRpc } from './server/rpc-server.js';
import { AGENT_VERSION } from './server/agent-version.js';
import { runScheduled, syncSchedule } from './backups/scheduled.js';
import { createHandlers } from './server/handlers.js';
import { runScheduledUpdate } from './updates/scheduled-update.js';
import { syncUpdateSchedule } from './updates/update-schedule.js';

/**
 * The agent that runs on the VPS, started over SSH as `node agent.cjs serve` (JSON-RPC on
 * stdin/stdout, diagnostics on stderr) and by itself as `node agent.cjs run-job <id>`.
 */
const USAGE = 'usage: agent.cjs serve | run-job <jobId> | scheduled <kind> | version';
/** After stdin closes, how long running handlers get to wind down before the agent leaves. */
const EXIT_GRACE_MS = 2_000;

async function main(argv: string[]): Promise<number> {
  const [command, argument] = argv;
  const paths = statePaths();
  switch (command) {
    case 'serve': {
      // stdout is the protocol: anything else printed there would corrupt it, so whatever a
      // dependency might log goes to stderr, the diagnostics channel.
      // eslint-disable-next-line no-console
      console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);
      const writer = new LineWriter(process.stdout);
      // An SSH session that vanished leaves EPIPE on stdout: the writer reports it, do not crash.
      process.stdout.on('error', () => {});
      const agentScript = process.argv[1] ?? '';
      // A newer agent takes the schedule over, so cron never starts one that was replaced.
      await syncSchedule(paths, { node: process.execPath, agent: agentScript }).catch((error: Error) =>
        console.error(`could not update the backup schedule: ${error.message}`),
      );
      await syncUpdateSchedule(paths, { node: process.execPath, agent: agentScript }).catch((error: Error) =>
        console.error(`could not update the update schedule: ${error.message}`),
      );
      await serveRpc(process.stdin, writer, createHandlers(paths, agentScript));
      return 0;
    }
    case 'run-job': {
      const jobId = JobIdSchema.safeParse(argument);
      if (!jobId.success) {
        console.error(`run-job: invalid job id ${JSON.stringify(argument)}`);
        return 2;
      }
      return runJob(paths, jobId.data);
    }
    case 'scheduled':
      if (argument === 'updates.apply') return runScheduledUpdate(paths, process.argv[1] ?? '');
      return runScheduled(paths, argument, process.argv[1] ?? '');
    case 'version':
      process.stdout.write(`${AGENT_VERSION}\n`);
      return 0;
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Leave as soon as nothing is pending (the last replies flushed); force it after a grace.
    // Jobs are separate processes and keep running either way.
    setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
