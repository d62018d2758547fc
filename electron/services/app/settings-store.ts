import { readFile, rename } from 'node:fs/promises';
import { writeJsonAtomically } from '../../storage/atomic-file.js';
import path from 'node:path';
import { AppError } from '../../../common/errors/app-error.js';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../contract/schemas.js';

/**
 * The user's preferences as one JSON file in the app's data folder. Writes go to a temporary
 * file first and are renamed into place, so a crash never leaves half a file. A file that cannot
 * be read is moved aside (never deleted) and the defaults are used.
 */
export class SettingsStore {
  private cached: Settings | undefined;
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'settings.json');
  }

  async get(): Promise<Settings> {
    if (this.cached) return this.cached;
    this.cached = await this.load();
    return this.cached;
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const next = SettingsSchema.parse({ ...(await this.get()), ...patch });
    await writeJsonAtomically(this.file, next);
    this.cached = next;
    return next;
  }

  private async load(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...DEFAULT_SETTINGS };
      throw new AppError('settings.unreadable', { detail: (error as Error).message, retryable: true });
    }
    try {
      return SettingsSchema.parse({ ...DEFAULT_SETTINGS, ...JSON.parse(text) });
    } catch {
      await rename(this.file, `${this.file}.unreadable-${Date.now()}`);
      return { ...DEFAULT_SETTINGS };
    }
  }
}
