/**
 * A shell command that makes a running service print `count` numbered lines ("<prefix>1" ...) on its
 * own standard output, as the service itself would: into the stdout of its PID 1.
 *
 * Why not `seq > /proc/1/fd/1`: the service writes there too (the stand-ins log a heartbeat every
 * few seconds), and seq writes 4 KiB blocks that end in the middle of a line, so a heartbeat can
 * land inside one of our lines and change it. Here every write is whole lines and at most 4,000
 * bytes, below the pipe's PIPE_BUF (4,096), which Linux writes atomically: the service's own lines
 * can only fall between ours. Runs the container's node (every stand-in is a node program).
 */
export function printNumberedLines(container: string, prefix: string, count: number): string {
  if (!/^[a-z0-9-]+$/.test(prefix) || !/^[a-z0-9_.-]+$/.test(container)) throw new Error('plain names only');
  if (!Number.isInteger(count) || count < 1) throw new Error('count must be a positive whole number');
  const script = [
    'const fs = require("fs");',
    'const [prefix, count] = process.argv.slice(1);',
    'const fd = fs.openSync("/proc/1/fd/1", "a");',
    'let chunk = "";',
    'for (let i = 1; i <= Number(count); i++) {',
    '  chunk += prefix + i + "\\n";',
    '  if (chunk.length > 3_900 || i === Number(count)) { fs.writeSync(fd, chunk); chunk = ""; }',
    '}',
  ].join(' ');
  return `docker exec ${container} node -e '${script}' ${prefix} ${count}`;
}
