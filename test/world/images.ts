// Builds the stand-in images (test/world/images/*) FROM the local debian:bookworm and pushes them to the
// world registry under upstream's repository names. A build is skipped when the registry already holds the
// tag with the same inputs hash (label dev.mailharbor.inputs: build files, build args, base image id).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorldContext } from './context.js';
import { BASE_IMAGE } from './base-image.js';
import { registryAddress, registryGet } from './registry.js';

export const INPUTS_LABEL = 'dev.mailharbor.inputs';
const IMAGES_DIR = fileURLToPath(new URL('./images/', import.meta.url));

export interface ImageSpec {
  /** Key in world.json images map */
  key: string;
  /** Repository path inside the registry, as upstream names it */
  repository: string;
  tag: string;
  /** Folder under test/world/images */
  context: string;
  buildArgs?: Record<string, string>;
  /** Extra tags pushed for the same image (e.g. upstream compose defaults like `latest`) */
  aliases?: string[];
}

/** Upstream names: ghcr.io/forwardemail/forwardemail.net-selfhosted, redis, mongo, nginx (compose file). */
export const FORWARDEMAIL_REPOSITORY = 'forwardemail/forwardemail.net-selfhosted';

export const STANDIN_IMAGES: readonly ImageSpec[] = [
  {
    key: 'forwardemail-v1.0.0',
    repository: FORWARDEMAIL_REPOSITORY,
    tag: 'v1.0.0',
    context: 'forwardemail-standin',
    buildArgs: { STANDIN_VERSION: '1.0.0', STANDIN_BROKEN: '0' },
  },
  {
    key: 'forwardemail-v1.1.0',
    repository: FORWARDEMAIL_REPOSITORY,
    tag: 'v1.1.0',
    context: 'forwardemail-standin',
    buildArgs: { STANDIN_VERSION: '1.1.0', STANDIN_BROKEN: '0' },
    aliases: ['latest'],
  },
  {
    key: 'forwardemail-v1.2.0-broken',
    repository: FORWARDEMAIL_REPOSITORY,
    tag: 'v1.2.0-broken',
    context: 'forwardemail-standin',
    buildArgs: { STANDIN_VERSION: '1.2.0-broken', STANDIN_BROKEN: '1' },
  },
  // Our pins (env.defaults), and newer releases under upstream's floating `latest`, as on Docker Hub: what an
  // install of upstream's setup.sh runs and an adoption must never go back from.
  {
    key: 'redis',
    repository: 'redis',
    tag: '7.0.15',
    context: 'redis',
    buildArgs: { REDIS_VERSION: '7.0.15' },
    aliases: ['7.0'],
  },
  {
    key: 'redis-newer',
    repository: 'redis',
    tag: '7.4.2',
    context: 'redis',
    buildArgs: { REDIS_VERSION: '7.4.2' },
    aliases: ['7.4', 'latest'],
  },
  {
    key: 'mongo',
    repository: 'mongo',
    tag: '7.0.14',
    context: 'mongo-standin',
    buildArgs: { MONGO_VERSION: '7.0.14' },
    aliases: ['7.0'],
  },
  {
    key: 'mongo-newer',
    repository: 'mongo',
    tag: '8.0.4',
    context: 'mongo-standin',
    buildArgs: { MONGO_VERSION: '8.0.4' },
    aliases: ['8.0', 'latest'],
  },
  { key: 'nginx', repository: 'nginx', tag: '1.22.1', context: 'nginx', aliases: ['stable'] },
];

/** The VPS image stays local to the host engine (it is what `docker run` starts, never pulled by a VPS). */
export const VPS_IMAGE: ImageSpec = { key: 'vps', repository: 'mailharbor-world/vps', tag: 'latest', context: 'vps' };

export interface BuiltImage {
  /** Full reference a VPS pulls: 172.29.53.1:5000/<repository>:<tag> */
  ref: string;
  repository: string;
  tag: string;
  aliases: string[];
  inputsHash: string;
  /** The manifest digest the registry serves for the tag (sha256:…): what a release pins. */
  digest: string;
  /** true when this `up` built it, false when the cached one was reused */
  built: boolean;
}

const MANIFEST_ACCEPT =
  'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json';

/** The digest `docker pull <repository>@<digest>` verifies: the registry's Docker-Content-Digest of the tag. */
export async function registryDigest(ctx: WorldContext, repository: string, tag: string): Promise<string> {
  const head = await registryGet(ctx, `/v2/${repository}/manifests/${tag}`, { accept: MANIFEST_ACCEPT }, 'HEAD');
  const digest = head.headers['docker-content-digest'];
  if (head.status !== 200 || typeof digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(digest)) {
    throw new Error(`registry has no digest for ${repository}:${tag} (HTTP ${head.status})`);
  }
  return digest;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out.sort();
}

async function baseImageId(ctx: WorldContext): Promise<string> {
  return (await ctx.run('docker', ['image', 'inspect', '--format', '{{.Id}}', BASE_IMAGE])).stdout.trim();
}

export function inputsHash(spec: ImageSpec, baseId: string): string {
  const hash = crypto.createHash('sha256');
  const dir = path.join(IMAGES_DIR, spec.context);
  for (const file of listFiles(dir)) {
    const stat = fs.statSync(file);
    hash.update(`${path.relative(dir, file)}\0${stat.mode & 0o111 ? 'x' : '-'}\0`);
    hash.update(fs.readFileSync(file));
  }
  hash.update(JSON.stringify(Object.entries(spec.buildArgs ?? {}).sort()));
  hash.update(baseId);
  return hash.digest('hex').slice(0, 32);
}

async function localLabel(ctx: WorldContext, ref: string): Promise<string | undefined> {
  const r = await ctx.run(
    'docker',
    ['image', 'inspect', '--format', `{{index .Config.Labels "${INPUTS_LABEL}"}}`, ref],
    {
      allowFailure: true,
      timeoutMs: 15_000,
    },
  );
  return r.code === 0 ? r.stdout.trim() : undefined;
}

/** The inputs label of <repository>:<tag> as stored in the registry, or undefined when absent. */
async function registryLabel(ctx: WorldContext, repository: string, tag: string): Promise<string | undefined> {
  const manifest = await registryGet(ctx, `/v2/${repository}/manifests/${tag}`, { accept: MANIFEST_ACCEPT });
  if (manifest.status !== 200) return undefined;
  const digest = (JSON.parse(manifest.body) as { config?: { digest?: string } }).config?.digest;
  if (!digest) return undefined;
  const config = await registryGet(ctx, `/v2/${repository}/blobs/${digest}`);
  if (config.status !== 200) return undefined; // blobs may redirect only with non-filesystem storage
  const labels = (JSON.parse(config.body) as { config?: { Labels?: Record<string, string> } }).config?.Labels;
  return labels?.[INPUTS_LABEL];
}

async function build(ctx: WorldContext, spec: ImageSpec, ref: string, hash: string): Promise<void> {
  const args = ['build', '--network', 'host', '--pull=false', '-t', ref, '--label', `${INPUTS_LABEL}=${hash}`];
  for (const [k, v] of Object.entries(spec.buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`);
  args.push(path.join(IMAGES_DIR, spec.context));
  ctx.log(`building ${ref}`);
  await ctx.run('docker', args, {
    timeoutMs: 15 * 60_000,
    logFile: path.join(ctx.logDir, `build-${spec.key}.log`),
    env: { ...process.env, DOCKER_BUILDKIT: '0' }, // the classic builder: no buildx plugin needed
  });
}

/** Builds the image locally unless an image with the same inputs is there already. */
export async function ensureLocalImage(
  ctx: WorldContext,
  spec: ImageSpec,
  ref: string,
): Promise<{ hash: string; built: boolean }> {
  const hash = inputsHash(spec, await baseImageId(ctx));
  if ((await localLabel(ctx, ref)) === hash) return { hash, built: false };
  await build(ctx, spec, ref, hash);
  return { hash, built: true };
}

export async function ensureStandinImage(ctx: WorldContext, spec: ImageSpec): Promise<BuiltImage> {
  const registry = registryAddress(ctx);
  const ref = `${registry}/${spec.repository}:${spec.tag}`;
  const aliases = spec.aliases ?? [];
  const hash = inputsHash(spec, await baseImageId(ctx));
  const tags = [spec.tag, ...aliases];
  const inRegistry = await Promise.all(tags.map((t) => registryLabel(ctx, spec.repository, t)));
  if (inRegistry.every((label) => label === hash)) {
    const digest = await registryDigest(ctx, spec.repository, spec.tag);
    return { ref, repository: spec.repository, tag: spec.tag, aliases, inputsHash: hash, digest, built: false };
  }
  const { built } = await ensureLocalImage(ctx, spec, ref);
  for (const tag of tags) {
    const tagged = `${registry}/${spec.repository}:${tag}`;
    if (tag !== spec.tag) await ctx.run('docker', ['tag', ref, tagged]);
    ctx.log(`pushing ${tagged}`);
    await ctx.run('docker', ['push', tagged], {
      timeoutMs: 10 * 60_000,
      logFile: path.join(ctx.logDir, `push-${spec.key}.log`),
    });
  }
  const digest = await registryDigest(ctx, spec.repository, spec.tag);
  return { ref, repository: spec.repository, tag: spec.tag, aliases, inputsHash: hash, digest, built };
}

export async function ensureStandinImages(ctx: WorldContext): Promise<Record<string, BuiltImage>> {
  const out: Record<string, BuiltImage> = {};
  // Two lanes, since a cold build mostly waits on apt downloads. Within a lane builds are sequential: the
  // forwardemail tags share their apt layer through the build cache. The VPS image is built here too, so a
  // cold `up` does not build it afterwards on its own.
  const forwardemail = STANDIN_IMAGES.filter((s) => s.repository === FORWARDEMAIL_REPOSITORY);
  const others = STANDIN_IMAGES.filter((s) => s.repository !== FORWARDEMAIL_REPOSITORY);
  await Promise.all([
    (async () => {
      for (const spec of forwardemail) out[spec.key] = await ensureStandinImage(ctx, spec);
    })(),
    (async () => {
      for (const spec of others) out[spec.key] = await ensureStandinImage(ctx, spec);
      await ensureLocalImage(ctx, VPS_IMAGE, `${VPS_IMAGE.repository}:${VPS_IMAGE.tag}`);
    })(),
  ]);
  // Stable key order in world.json, whatever lane finished first.
  return Object.fromEntries(STANDIN_IMAGES.map((s) => [s.key, out[s.key]!]));
}
