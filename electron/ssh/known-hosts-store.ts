import { readFile } from 'node:fs/promises';
import { writeJsonAtomically } from '../storage/atomic-file.js';
import path from 'node:path';
import { z } from 'zod';

const EntrySchema = z.object({
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  key: z.string(),
  fingerprint: z.string(),
  addedAt: z.string(),
});
export type KnownHostEntry = z.infer<typeof EntrySchema>;

const FileSchema = z.object({ version: z.literal(1), entries: z.array(EntrySchema) });

/**
 * Host keys the user accepted in Mailharbor, kept apart from ~/.ssh/known_hosts (which is read,
 * never written: the user's own file is theirs). A replaced key is never overwritten silently;
 * only an explicit forget() removes an entry.
 */
export class KnownHostsStore {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'known-hosts.json');
  }

  async entriesFor(host: string, port: number): Promise<KnownHostEntry[]> {
    const normalised = host.toLowerCase();
    return (await this.read()).filter((entry) => entry.host === normalised && entry.port === port);
  }

  async add(entry: Omit<KnownHostEntry, 'addedAt' | 'host'> & { host: string }): Promise<void> {
    const entries = await this.read();
    const host = entry.host.toLowerCase();
    if (entries.some((known) => known.host === host && known.port === entry.port && known.key === entry.key)) return;
    entries.push({ ...entry, host, addedAt: new Date().toISOString() });
    await this.write(entries);
  }

  async forget(host: string, port: number): Promise<void> {
    const normalised = host.toLowerCase();
    await this.write((await this.read()).filter((entry) => !(entry.host === normalised && entry.port === port)));
  }

  private async read(): Promise<KnownHostEntry[]> {
    try {
      return FileSchema.parse(JSON.parse(await readFile(this.file, 'utf8'))).entries;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      // A damaged trust store must not turn into "trust nothing was known": refuse loudly instead.
      throw new Error(`The list of trusted server keys (${this.file}) cannot be read: ${(error as Error).message}`);
    }
  }

  private write(entries: KnownHostEntry[]): Promise<void> {
    return writeJsonAtomically(this.file, { version: 1, entries });
  }
}
