// The log generator the dashboard benchmarks run inside a stack container (the forwardemail
// stand-in image has node). It writes into the container's PID 1 stdout (/proc/1/fd/1), which is
// what `docker logs` and the agent's engine log stream read, so the container and the stack stay as
// they are. Every line carries its run's tag and its write time in ms since the epoch: the VPS is a
// container on this machine and shares its clock, so receive time − write time is the latency.
//   node gen.js burst TAG COUNT     COUNT lines as fast as the pipe takes them
//   node gen.js rate TAG PER_SECOND SECONDS   an even rate from a 1 ms timer, catching up on late ticks
import type { StackVps } from './stack-vps.js';

export const GENERATOR_SOURCE = String.raw`
const [mode, tag, a, b] = process.argv.slice(2);
const out = process.stdout;
const pad = ' abcdefghijklmnopqrstuvwxyz0123456789';
const now = () => (performance.timeOrigin + performance.now()).toFixed(3);
const line = (i) => 'mhb ' + tag + ' ' + i + ' ' + now() + pad + '\n';
if (mode === 'burst') {
  const count = Number(a);
  let i = 0;
  const more = () => {
    while (i < count) {
      let chunk = '';
      for (let n = 0; n < 500 && i < count; n++) chunk += line(++i);
      if (!out.write(chunk)) return out.once('drain', more);
    }
  };
  more();
} else if (mode === 'rate') {
  const perSecond = Number(a);
  const total = perSecond * Number(b);
  const started = performance.now();
  let i = 0;
  const timer = setInterval(() => {
    const due = Math.min(total, Math.floor(((performance.now() - started) * perSecond) / 1000));
    let chunk = '';
    while (i < due) chunk += line(++i);
    if (chunk) out.write(chunk);
    if (i >= total) clearInterval(timer);
  }, 1);
} else {
  console.error('usage: gen.js burst TAG COUNT | rate TAG PER_SECOND SECONDS');
  process.exit(2);
}
`;

const REMOTE_PATH = '/root/mailharbor-bench-gen.js';
const IN_CONTAINER = '/tmp/mailharbor-bench-gen.js';

/** Puts the generator into the container (once per run). */
export async function installGenerator(stack: StackVps, container: string): Promise<void> {
  await stack.sh(`cat > ${REMOTE_PATH}`, 30_000, GENERATOR_SOURCE);
  await stack.sh(`docker cp ${REMOTE_PATH} ${container}:${IN_CONTAINER}`);
}

/** Runs the generator in the container until it has written everything. Arguments are fixed numbers and a tag. */
export async function runGenerator(
  stack: StackVps,
  container: string,
  args: ['burst', string, number] | ['rate', string, number, number],
): Promise<void> {
  for (const arg of args) if (!/^[A-Za-z0-9]+$/.test(String(arg))) throw new Error(`generator argument: ${arg}`);
  await stack.sh(
    `docker exec ${container} sh -c 'exec node ${IN_CONTAINER} ${args.join(' ')} > /proc/1/fd/1'`,
    300_000,
  );
}

/** A short tag unique to one run, so lines of other runs are never counted. */
export function runTag(label: string): string {
  return `${label}${Date.now().toString(36)}`;
}

/** The write time (ms since the epoch) of a generator line with this tag, or undefined. */
export function writtenAt(line: string, tag: string): number | undefined {
  const prefix = `mhb ${tag} `;
  if (!line.startsWith(prefix)) return undefined;
  const rest = line.slice(prefix.length);
  const space = rest.indexOf(' ');
  const time = Number(rest.slice(space + 1, rest.indexOf(' ', space + 1)));
  return Number.isFinite(time) ? time : undefined;
}
