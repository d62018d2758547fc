// Test VPSes: containers of the VPS image on the world network, each with its own fixed IP, SSH published
// on a random 127.0.0.1 port, its own host keys (made at first boot) and a docker volume for a Docker
// engine the app installs later. Preseeded like cloud-init would: the world key for root, deploy and
// admin2, admin2's sudo password, and trust in the world CA (system store + the registry's certs.d).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { WorldContext } from './context.js';
import { VPS_MAX, WORLD_NETWORK, vpsIp } from './network.js';
import { WORLD_LABEL, WORLD_LABEL_ARG } from './docker-labels.js';
import { registryAddress } from './registry.js';
import { VPS_IMAGE, ensureLocalImage } from './images.js';
import type { WorldSshKey } from './ssh-key.js';

export interface VpsUser {
  name: string;
  /** 'root' (is root), 'nopasswd' (sudo -n works), 'password' (sudo -S with `password`) */
  sudo: 'root' | 'nopasswd' | 'password';
  password?: string;
}

export interface VpsState {
  name: string;
  container: string;
  hostname: string;
  /** Address on the world network */
  ip: string;
  sshHost: '127.0.0.1';
  sshPort: number;
  /** This VPS's ed25519 host key, as `ssh-ed25519 AAAA...`, and its SHA256 fingerprint */
  hostKey: { type: string; publicKey: string; fingerprint: string };
  /** Every host key line sshd offers (ed25519, ecdsa, rsa) */
  hostKeys: string[];
  /** known_hosts with entries for [127.0.0.1]:sshPort and the world IP; use with StrictHostKeyChecking=yes */
  knownHostsPath: string;
  /** Docker volume mounted on /var/lib/docker inside the VPS */
  dockerVolume: string;
  users: { root: VpsUser; deploy: VpsUser; admin2: VpsUser };
  createdAt: string;
}

interface VpsMeta {
  index: number;
  admin2Password: string;
  createdAt: string;
}

// The only way nested Docker works here: --privileged fails (CAP_SYS_RESOURCE is unavailable).
const NESTED_DOCKER_FLAGS = [
  '--cap-add=ALL',
  '--cap-drop=SYS_RESOURCE',
  '--security-opt',
  'seccomp=unconfined',
  '--security-opt',
  'apparmor=unconfined',
  '--security-opt',
  'systempaths=unconfined',
  '-v',
  '/sys/fs/cgroup:/sys/fs/cgroup:rw',
];

function checkName(name: string): void {
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(name))
    throw new Error(`bad VPS name "${name}" (lowercase letters, digits, dashes)`);
}

export const vpsContainer = (name: string): string => `mailharbor-vps-${name}`;
export const vpsVolume = (name: string): string => `mailharbor-vps-${name}-docker`;
const vpsDir = (ctx: WorldContext, name: string): string => path.join(ctx.stateDir, 'vps', name);
const metaPath = (ctx: WorldContext, name: string): string => path.join(vpsDir(ctx, name), 'meta.json');

function readMeta(ctx: WorldContext, name: string): VpsMeta | undefined {
  try {
    return JSON.parse(fs.readFileSync(metaPath(ctx, name), 'utf8')) as VpsMeta;
  } catch {
    return undefined;
  }
}

/** Names of VPSes known to the state dir. */
export function knownVpsNames(ctx: WorldContext): string[] {
  const dir = path.join(ctx.stateDir, 'vps');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => fs.existsSync(metaPath(ctx, n)))
    .sort();
}

function allocateMeta(ctx: WorldContext, name: string, preferredIndex?: number): VpsMeta {
  const used = new Set(
    knownVpsNames(ctx)
      .filter((n) => n !== name)
      .map((n) => readMeta(ctx, n)?.index),
  );
  let index = 0;
  while (used.has(index)) index++;
  if (preferredIndex !== undefined && !used.has(preferredIndex)) index = preferredIndex;
  if (index >= VPS_MAX) throw new Error(`too many VPSes (max ${VPS_MAX})`);
  const meta: VpsMeta = {
    index,
    // Hex only: no characters a shell, sudo prompt or chpasswd could misread.
    admin2Password: crypto.randomBytes(12).toString('hex'),
    createdAt: new Date().toISOString(),
  };
  fs.mkdirSync(vpsDir(ctx, name), { recursive: true, mode: 0o700 });
  fs.writeFileSync(metaPath(ctx, name), JSON.stringify(meta, null, 2), { mode: 0o600 });
  return meta;
}

async function containerStatus(ctx: WorldContext, container: string): Promise<string | undefined> {
  const r = await ctx.run('docker', ['container', 'inspect', '--format', '{{.State.Status}}', container], {
    allowFailure: true,
    timeoutMs: 15_000,
  });
  return r.code === 0 ? r.stdout.trim() : undefined;
}

async function execIn(
  ctx: WorldContext,
  container: string,
  args: string[],
  input?: string,
  user?: string,
): Promise<string> {
  const base = ['exec', ...(input === undefined ? [] : ['-i']), ...(user ? ['-u', user] : []), container];
  return (await ctx.run('docker', [...base, ...args], { input, timeoutMs: 60_000 })).stdout;
}

async function preseed(ctx: WorldContext, container: string, key: WorldSshKey, meta: VpsMeta): Promise<void> {
  // vps-init (PID 1) runs update-ca-certificates at boot; a second one at the same time fails on its temp file.
  await ctx.waitFor(
    async () => {
      const r = await ctx.run('docker', ['exec', container, 'test', '-f', '/run/vps-init.done'], {
        allowFailure: true,
        timeoutMs: 15_000,
      });
      return r.code === 0 ? true : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200, what: `${container} first boot` },
  );
  const pub = `${key.publicKey}\n`;
  // Fixed scripts; data arrives on stdin or as positional parameters, never spliced into the script.
  const writeAuthorizedKeys = 'umask 077 && mkdir -p "$HOME/.ssh" && cat > "$HOME/.ssh/authorized_keys"';
  await execIn(ctx, container, ['sh', '-c', writeAuthorizedKeys], pub, 'root');
  await execIn(ctx, container, ['sh', '-c', writeAuthorizedKeys], pub, 'deploy');
  await execIn(ctx, container, ['sh', '-c', writeAuthorizedKeys], pub, 'admin2');
  await execIn(ctx, container, ['chpasswd'], `admin2:${meta.admin2Password}\n`);
  const ca = fs.readFileSync(ctx.ca.certPath, 'utf8');
  await execIn(
    ctx,
    container,
    [
      'sh',
      '-c',
      'mkdir -p "/etc/docker/certs.d/$1" && cat > "/etc/docker/certs.d/$1/ca.crt"',
      'sh',
      registryAddress(ctx),
    ],
    ca,
  );
  await execIn(
    ctx,
    container,
    ['sh', '-c', 'cat > /usr/local/share/ca-certificates/mailharbor-world-ca.crt && update-ca-certificates'],
    ca,
  );
}

async function sshPortOf(ctx: WorldContext, container: string): Promise<number> {
  const out = (await ctx.run('docker', ['port', container, '22/tcp'], { timeoutMs: 15_000 })).stdout;
  const m = /127\.0\.0\.1:(\d+)/.exec(out);
  if (!m) throw new Error(`no 127.0.0.1 port published for ${container}: ${out}`);
  return Number(m[1]);
}

async function fingerprint(ctx: WorldContext, publicKeyLine: string): Promise<string> {
  const r = await ctx.run('ssh-keygen', ['-l', '-E', 'sha256', '-f', '-'], {
    input: `${publicKeyLine}\n`,
    timeoutMs: 10_000,
  });
  const fp = r.stdout.split(' ')[1];
  if (!fp?.startsWith('SHA256:')) throw new Error(`cannot fingerprint host key: ${r.stdout}`);
  return fp;
}

async function describe(ctx: WorldContext, name: string, meta: VpsMeta): Promise<VpsState> {
  const container = vpsContainer(name);
  const ip = vpsIp(meta.index);
  const sshPort = await sshPortOf(ctx, container);
  // The host keys appear at first boot (vps-init runs ssh-keygen -A before sshd).
  const hostKeys = await ctx.waitFor(
    async () => {
      const r = await ctx.run('docker', ['exec', container, 'sh', '-c', 'cat /etc/ssh/ssh_host_*_key.pub'], {
        allowFailure: true,
        timeoutMs: 15_000,
      });
      const lines = r.stdout
        .split('\n')
        .map((l) => l.trim().split(' ').slice(0, 2).join(' '))
        .filter(Boolean);
      return r.code === 0 && lines.some((l) => l.startsWith('ssh-ed25519 ')) ? lines : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 300, what: `${container} host keys` },
  );
  const ed25519 = hostKeys.find((l) => l.startsWith('ssh-ed25519 '))!;
  const knownHostsPath = path.join(vpsDir(ctx, name), 'known_hosts');
  const hosts = `[127.0.0.1]:${sshPort},${ip}`;
  fs.writeFileSync(knownHostsPath, hostKeys.map((k) => `${hosts} ${k}\n`).join(''));
  // sshd is ready when it offers the very key we recorded on the published port.
  await ctx.waitFor(
    async () => {
      const r = await ctx.run('ssh-keyscan', ['-T', '2', '-t', 'ed25519', '-p', String(sshPort), '127.0.0.1'], {
        allowFailure: true,
        timeoutMs: 10_000,
      });
      return r.stdout.includes(ed25519);
    },
    { timeoutMs: 30_000, intervalMs: 300, what: `sshd of ${container} on 127.0.0.1:${sshPort}` },
  );
  return {
    name,
    container,
    hostname: name,
    ip,
    sshHost: '127.0.0.1',
    sshPort,
    hostKey: { type: 'ssh-ed25519', publicKey: ed25519, fingerprint: await fingerprint(ctx, ed25519) },
    hostKeys,
    knownHostsPath,
    dockerVolume: vpsVolume(name),
    users: {
      root: { name: 'root', sudo: 'root' },
      deploy: { name: 'deploy', sudo: 'nopasswd' },
      admin2: { name: 'admin2', sudo: 'password', password: meta.admin2Password },
    },
    createdAt: meta.createdAt,
  };
}

async function createContainer(ctx: WorldContext, name: string, meta: VpsMeta, key: WorldSshKey): Promise<void> {
  const container = vpsContainer(name);
  await ensureLocalImage(ctx, VPS_IMAGE, `${VPS_IMAGE.repository}:${VPS_IMAGE.tag}`);
  await ctx.run('docker', ['volume', 'create', '--label', WORLD_LABEL_ARG, vpsVolume(name)], { timeoutMs: 30_000 });
  ctx.log(`creating VPS ${name} (${container}, ${vpsIp(meta.index)})`);
  await ctx.run(
    'docker',
    [
      'run',
      '-d',
      '--name',
      container,
      '--hostname',
      name,
      '--label',
      WORLD_LABEL_ARG,
      '--label',
      `${WORLD_LABEL}.vps=${name}`,
      '--network',
      WORLD_NETWORK,
      '--ip',
      vpsIp(meta.index),
      '-p',
      '127.0.0.1::22',
      ...NESTED_DOCKER_FLAGS,
      '-v',
      `${vpsVolume(name)}:/var/lib/docker`,
      `${VPS_IMAGE.repository}:${VPS_IMAGE.tag}`,
    ],
    { timeoutMs: 60_000 },
  );
  await preseed(ctx, container, key, meta);
}

/** Brings VPS `name` up: reuses a running one, starts a stopped one, creates a missing one. */
export async function ensureVps(ctx: WorldContext, name: string, key: WorldSshKey): Promise<VpsState> {
  checkName(name);
  const container = vpsContainer(name);
  let meta = readMeta(ctx, name);
  const status = await containerStatus(ctx, container);
  if (!meta || status === undefined) {
    if (status !== undefined) await removeVps(ctx, name); // a container without state: start over
    meta ??= allocateMeta(ctx, name);
    await createContainer(ctx, name, meta, key);
  } else if (status !== 'running') {
    ctx.log(`starting stopped VPS ${name}`);
    await ctx.run('docker', ['start', container], { timeoutMs: 60_000 });
  }
  return describe(ctx, name, meta);
}

/** Removes the VPS container and its docker volume; keeps nothing but its IP slot. */
export async function removeVps(ctx: WorldContext, name: string, forgetState = false): Promise<void> {
  checkName(name);
  await ctx.run('docker', ['rm', '-f', '-v', vpsContainer(name)], { allowFailure: true, timeoutMs: 60_000 });
  await ctx.run('docker', ['volume', 'rm', '-f', vpsVolume(name)], { allowFailure: true, timeoutMs: 60_000 });
  if (forgetState) fs.rmSync(vpsDir(ctx, name), { recursive: true, force: true });
}

/** Back to a fresh VPS: new container, empty docker volume, new host keys and a new admin2 password. */
export async function resetVps(ctx: WorldContext, name: string, key: WorldSshKey): Promise<VpsState> {
  const index = readMeta(ctx, name)?.index;
  await removeVps(ctx, name, true);
  const meta = allocateMeta(ctx, name, index); // same IP as before
  await createContainer(ctx, name, meta, key);
  return describe(ctx, name, meta);
}
