import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeJsonAtomically } from '../../storage/atomic-file.js';
import path from 'node:path';
import { z } from 'zod';
import { ServerSummarySchema } from '../../contract/server-schemas.js';

/** What servers.json keeps of a server: who and where it is as the renderer sees it, never its state. */
const StoredServerSchema = ServerSummarySchema.pick({
  id: true,
  name: true,
  host: true,
  port: true,
  username: true,
  authMethod: true,
}).extend({
  agentSocket: z.string().optional(),
  addedAt: z.string(),
});
export type StoredServer = z.infer<typeof StoredServerSchema>;

const FileSchema = z.object({ version: z.literal(1), servers: z.array(StoredServerSchema) });

/** The servers the user added, without any secret (those are in the vault), in servers.json. */
export class ServerStore {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'servers.json');
  }

  static newId(): string {
    return `srv-${randomBytes(8).toString('hex')}`;
  }

  async list(): Promise<StoredServer[]> {
    try {
      return FileSchema.parse(JSON.parse(await readFile(this.file, 'utf8'))).servers;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async get(id: string): Promise<StoredServer | undefined> {
    return (await this.list()).find((server) => server.id === id);
  }

  async add(server: StoredServer): Promise<void> {
    await this.write([...(await this.list()), server]);
  }

  async remove(id: string): Promise<boolean> {
    const servers = await this.list();
    const kept = servers.filter((server) => server.id !== id);
    await this.write(kept);
    return kept.length !== servers.length;
  }

  private write(servers: StoredServer[]): Promise<void> {
    return writeJsonAtomically(this.file, { version: 1, servers });
  }
}
