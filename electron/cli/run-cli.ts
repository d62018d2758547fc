import { checkDns } from '../../common/dns/check-dns.js';
import { createDnsQuery } from '../../common/dns/dns-client.js';
import { AppError } from '../../common/errors/app-error.js';
import { CHECK_DNS_USAGE, CliUsageError, parseCheckDnsArgs } from './check-dns-args.js';
import { formatCheckDnsReport } from './check-dns-output.js';

export const EXIT_OK = 0;
export const EXIT_NOT_CORRECT = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage: mailharbor <command>

Commands:
  check dns   check a mail domain's DNS records (mailharbor check dns --help)
`;

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

async function checkDnsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCheckDnsArgs(argv);
  if (parsed === 'help') {
    io.stdout.write(CHECK_DNS_USAGE);
    return EXIT_OK;
  }
  // Ctrl-C stops the lookups instead of leaving them to time out
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    const report = await checkDns({ ...parsed.input, signal: controller.signal }, { query: createDnsQuery() });
    io.stdout.write(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : formatCheckDnsReport(report));
    return report.summary.allRequiredCorrect ? EXIT_OK : EXIT_NOT_CORRECT;
  } finally {
    process.removeListener('SIGINT', stop);
  }
}

/** `mailharbor <command> ...`: returns the exit code; every message goes through `io`. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, subcommand, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(USAGE);
      return command === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (command === 'check' && subcommand === 'dns') return await checkDnsCommand(rest, io);
    throw new CliUsageError(`unknown command: ${[command, subcommand].filter(Boolean).join(' ')}`);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr.write(`mailharbor: ${error.message}\n\n${command === 'check' ? CHECK_DNS_USAGE : USAGE}`);
      return EXIT_USAGE;
    }
    if (error instanceof AppError && error.code === 'stack.invalidOptions') {
      // the record plan's own validation: the detail names the field (domain, ipv4, dkim.publicKeyBase64...)
      io.stderr.write(`mailharbor: ${error.detail ?? error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
