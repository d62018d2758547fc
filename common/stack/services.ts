import type { StackProfile } from './stack-contract.js';

/**
 * The stack's services and their containers, as mail-stack/docker-compose.yml declares them
 * (a unit test holds the two together). Listed here rather than asked from compose because
 * compose v1 ignores profiles in `config --services`.
 */
export const STACK_SERVICES = [
  { service: 'mongodb', container: 'mongodb', storageOnly: false },
  { service: 'redis', container: 'redis', storageOnly: false },
  { service: 'smtp', container: 'smtp', storageOnly: false },
  { service: 'smtp_bree', container: 'smtp_bree', storageOnly: false },
  { service: 'web', container: 'web', storageOnly: false },
  { service: 'api', container: 'api', storageOnly: false },
  { service: 'bree', container: 'bree', storageOnly: false },
  { service: 'mx', container: 'mx', storageOnly: false },
  { service: 'sqlite', container: 'sqlite', storageOnly: true },
  { service: 'sqlite_bree', container: 'sqlite_bree', storageOnly: true },
  { service: 'imap', container: 'imap', storageOnly: true },
  { service: 'pop3', container: 'pop3', storageOnly: true },
  { service: 'caldav', container: 'caldav', storageOnly: true },
  { service: 'carddav', container: 'carddav', storageOnly: true },
  { service: 'nginx', container: 'sni-router', storageOnly: false },
] as const;

export type StackService = (typeof STACK_SERVICES)[number];

export function servicesFor(profile: StackProfile): StackService[] {
  return STACK_SERVICES.filter((entry) => profile === 'full' || !entry.storageOnly);
}

/** COMPOSE_PROFILES in .env for each profile (upstream's setup.sh writes the same). */
export const COMPOSE_PROFILES_VALUE: Record<StackProfile, string> = { full: 'storage', forwarding: '' };

/** The services that read the TLS certificate at start: restarted after a new one arrives. */
export const CERTIFICATE_USERS = STACK_SERVICES.filter(
  (entry) => entry.service !== 'mongodb' && entry.service !== 'redis' && entry.service !== 'nginx',
).map((entry) => entry.service);

/**
 * The services that write mailboxes (they mount sqlite-data): frozen together while a backup takes
 * the files, stopped while an adoption merges an older install's mailboxes into sqlite-data.
 */
export const MAILBOX_WRITERS = ['mx', 'imap', 'pop3', 'sqlite', 'sqlite_bree'] as const;
