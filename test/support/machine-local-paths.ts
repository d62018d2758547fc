// Finds absolute paths in test and benchmark code that point at files of one machine: a Node binary
// under /opt, a cache under /var/cache or ~/.cache, a tool under /usr/local. A suite that needs such a
// file passes where it happens to be left over and fails on every fresh machine, so CI must refuse it.
//
// Tests do name many absolute paths that are not on this machine at all: paths inside a world VPS or
// inside a stand-in image. Those are listed below, each with where it lives; a new one has to be added
// here on purpose, which is the point.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where machine-local files live: nothing a fresh clone and `.ci/run` make is found here by chance. */
const MACHINE_LOCAL_ROOTS = [
  '/opt/',
  '/var/cache/',
  '/usr/local/',
  '/home/',
  '/srv/',
  '/nix/',
  '/snap/',
  '/Users/',
  '/root/.cache/',
  '/root/.npm/',
  '/root/.local/',
  '/root/.config/',
  '/root/.nvm/',
];

/** Paths under those roots that exist only inside a world VPS or a container image, never on this machine. */
export const REMOTE_ONLY_PATHS: ReadonlyArray<{ prefix: string; where: string }> = [
  { prefix: '/opt/mailharbor', where: "the agent's home on a VPS (electron/agent/remote-layout.ts)" },
  { prefix: '/opt/standin', where: 'inside the forwardemail stand-in image' },
  { prefix: '/usr/local/bin/node', where: 'the shipped Node runtime copied into a world VPS' },
  { prefix: '/usr/local/bin/world-dns01-', where: "the world VPS's certbot DNS hooks" },
  { prefix: '/usr/local/sbin/vps-init', where: "a world VPS's init (test/world/images/vps)" },
  { prefix: '/usr/local/share/ca-certificates', where: 'the world CA inside a VPS or image' },
  { prefix: '/usr/local/share/mailharbor-world', where: "pebble's CA inside a world VPS" },
  { prefix: '/usr/local/bin/', where: "the mongo stand-in image's tools (a Dockerfile COPY target)" },
  { prefix: '/home/deploy', where: 'a sudo user of a world VPS' },
  { prefix: '/home/admin2', where: 'a password-sudo user of a world VPS' },
  { prefix: '/home/nosudo', where: 'a user without sudo on a world VPS' },
  { prefix: '/srv/acme-webroot', where: 'the HTTP-01 webroot on a world VPS' },
];

export interface MachineLocalPath {
  file: string;
  line: number;
  path: string;
}

// An absolute path starts a string, a word or a shell argument: not the middle of a URL or a relative path.
const ABSOLUTE_PATH = /(?<![\w.:/~$}-])\/[A-Za-z0-9_.@+-]+(?:\/[A-Za-z0-9_.@+-]*)*/g;

/** Every machine-local absolute path in `text`, as lines of `file`. */
export function machineLocalPathsIn(file: string, text: string): MachineLocalPath[] {
  const found: MachineLocalPath[] = [];
  // Paths in regular expressions are written with escaped slashes: unescaped, each starts a word.
  const unescaped = text.replace(/(?:\\\/[\w.@+-]*)+/g, (escaped) => ` ${escaped.replaceAll('\\/', '/')}`);
  for (const [index, line] of unescaped.split('\n').entries()) {
    for (const match of line.matchAll(ABSOLUTE_PATH)) {
      const candidate = match[0];
      const local = MACHINE_LOCAL_ROOTS.some((root) => candidate.startsWith(root) && candidate.length > root.length);
      const remote = REMOTE_ONLY_PATHS.some(({ prefix }) => candidate.startsWith(prefix));
      if (local && !remote) found.push({ file, line: index + 1, path: candidate });
    }
  }
  return found;
}

const SCANNED = /\.(?:[cm]?[jt]s|tsx|sh)$|(?:^|\/)(?:Dockerfile|up|down|status|run)$/;

/** Scans the test and benchmark trees (and the CI entry point) of the checkout at `root`. */
export function machineLocalPathsInTests(root: string, skip: readonly string[] = []): MachineLocalPath[] {
  const found: MachineLocalPath[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules') continue;
      const full = path.join(dir, name);
      const relative = path.relative(root, full);
      if (skip.includes(relative)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else if (SCANNED.test(relative)) found.push(...machineLocalPathsIn(relative, readFileSync(full, 'utf8')));
    }
  };
  for (const tree of ['test', 'bench']) walk(path.join(root, tree));
  return found;
}
