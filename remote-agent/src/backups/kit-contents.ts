import { readFile } from 'node:fs/promises';
import { AppError } from '../../../common/errors/app-error.js';
import { readInstall } from '../stack/detect.js';
import type { StackPaths } from '../stack/stack-paths.js';

/** The domain, .env and DKIM key of the installed stack: what rebuilds it elsewhere with the same keys. */
export async function kitContents(paths: StackPaths): Promise<{ domain: string; env: string; dkimKey: string }> {
  const install = await readInstall(paths);
  if (!install?.domain) throw new AppError('backups.notInstalled', { detail: `no .env with a DOMAIN in ${paths.dir}` });
  const [env, dkimKey] = await Promise.all([readFile(paths.envFile, 'utf8'), readFile(paths.dkimKey, 'utf8')]);
  return { domain: install.domain, env, dkimKey };
}
