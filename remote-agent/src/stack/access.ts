import { AppError } from '../../../common/errors/app-error.js';
import { readInstall } from './detect.js';
import type { StackAccess } from '../../../common/stack/stack-contract.js';
import type { StackPaths } from './stack-paths.js';

/**
 * What the success screen shows, read from the installed .env: where to log in first (the web
 * app behind HTTP basic auth until the first admin account exists), with which credentials, and
 * what to put in a mail client. IMAP and POP3 run only with the full (storage) profile.
 */
export async function readStackAccess(paths: StackPaths): Promise<StackAccess> {
  const install = await readInstall(paths);
  if (!install) {
    throw new AppError('stack.notInstalled', { params: { directory: paths.dir }, detail: `no .env in ${paths.dir}` });
  }
  const domain = install.domain;
  if (!domain) {
    throw new AppError('stack.notInstalled', {
      params: { directory: paths.dir },
      detail: `DOMAIN is empty in ${paths.envFile}: the install did not get as far as its settings`,
    });
  }
  const full = install.profile === 'full';
  return {
    domain,
    webUrl: `https://${domain}`,
    username: install.file.get('AUTH_BASIC_USERNAME') ?? '',
    password: install.file.get('AUTH_BASIC_PASSWORD') ?? '',
    profile: install.profile,
    imageTag: install.imageTag ?? '',
    mailClient: {
      ...(full ? { imap: { host: `imap.${domain}`, port: 993 }, pop3: { host: `pop3.${domain}`, port: 995 } } : {}),
      smtp: { host: `smtp.${domain}`, port: 465 },
    },
  };
}
