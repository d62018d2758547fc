import type { ServiceName, ServicePort } from '../../../common/dashboard/dashboard-contract.js';

const internet = (port: number): ServicePort => ({ port, protocol: 'tcp', reach: 'internet' });
const loopback = (port: number): ServicePort => ({ port, protocol: 'tcp', reach: 'loopback' });
const via443 = (port: number): ServicePort => ({ port, protocol: 'tcp', reach: 'via443' });

/** The ports a service's port can be moved to in .env, as setup.sh writes them, with their defaults. */
const PORT_KEYS = { MX_PORT: 25, SMTP_PORT: 465, IMAP_PORT: 993, POP3_PORT: 995 } as const;

/** A port number from .env, or the default when the key is unset or not a port. */
function portOf(env: (key: string) => string | undefined, key: keyof typeof PORT_KEYS): number {
  const value = env(key)?.trim();
  const port = value && /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  return port >= 1 && port <= 65_535 ? port : PORT_KEYS[key];
}

/**
 * The ports each service listens on. Every container of the stack uses the host's network, so
 * the engine publishes no ports to read: these are mail-stack/SERVICES.md's table, with MX_PORT,
 * SMTP_PORT, IMAP_PORT and POP3_PORT as the install's .env sets them. 'via443' services terminate
 * TLS behind the SNI router and are closed in the firewall; 'loopback' ones listen on 127.0.0.1 only.
 */
export function servicePorts(
  env: (key: string) => string | undefined = () => undefined,
): Record<ServiceName, ServicePort[]> {
  return {
    nginx: [internet(443), internet(80)],
    web: [via443(3000)],
    api: [via443(4000)],
    bree: [],
    smtp: [internet(portOf(env, 'SMTP_PORT'))],
    smtp_bree: [],
    mx: [internet(portOf(env, 'MX_PORT'))],
    imap: [internet(portOf(env, 'IMAP_PORT'))],
    pop3: [internet(portOf(env, 'POP3_PORT'))],
    sqlite: [loopback(3456)],
    sqlite_bree: [],
    caldav: [via443(5000)],
    carddav: [via443(6000)],
    mongodb: [loopback(27017)],
    redis: [loopback(6379)],
  };
}
