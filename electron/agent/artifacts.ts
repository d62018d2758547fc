import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const CompressedSchema = z.object({ file: z.string(), sha256: z.string().length(64), size: z.number().int() });
const RuntimeManifestSchema = z.object({
  version: z.string(),
  arch: z.enum(['x64', 'arm64']),
  binary: z.object({ sha256: z.string().length(64), size: z.number().int() }),
  compressed: z.object({ xz: CompressedSchema, gz: CompressedSchema }),
});
export type RuntimeManifest = z.infer<typeof RuntimeManifestSchema>;
export type RuntimeArch = RuntimeManifest['arch'];

export interface AgentBundle {
  file: string;
  sha256: string;
  /** Files the agent loads from beside itself (the S3 client of the backup connection test). */
  companions: { name: string; file: string; sha256: string }[];
}

/**
 * What the app uploads: the agent bundle (dist/agent) and the Node runtime per architecture
 * (dist/runtime), both made by the build scripts. In a packaged app they sit in the resources.
 */
export class AgentArtifacts {
  constructor(
    private readonly distDir: string,
    readonly appVersion: string,
    readonly nodeVersion: string,
  ) {}

  async agent(): Promise<AgentBundle> {
    const file = path.join(this.distDir, 'agent', 'agent.cjs');
    const probe = path.join(this.distDir, 'agent', 's3-probe.cjs');
    return {
      file,
      sha256: await checksumOf(file),
      companions: [{ name: 's3-probe.cjs', file: probe, sha256: await checksumOf(probe) }],
    };
  }

  async runtime(arch: RuntimeArch): Promise<{ manifest: RuntimeManifest; dir: string }> {
    const dir = path.join(this.distDir, 'runtime');
    const name = `node-v${this.nodeVersion}-linux-${arch}.json`;
    const manifest = RuntimeManifestSchema.parse(JSON.parse(await readFile(path.join(dir, name), 'utf8')));
    return { manifest, dir };
  }
}

/** uname -m as the kernel says it, to the runtime we ship for it. */
export function runtimeArchFor(machine: string): RuntimeArch | undefined {
  if (machine === 'x86_64' || machine === 'amd64') return 'x64';
  if (machine === 'aarch64' || machine === 'arm64') return 'arm64';
  return undefined;
}

async function checksumOf(file: string): Promise<string> {
  const sha256 = (await readFile(`${file}.sha256`, 'utf8')).split(/\s+/)[0] ?? '';
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`the agent bundle's checksum file is damaged: ${file}.sha256`);
  return sha256;
}
