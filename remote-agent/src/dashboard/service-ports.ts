import type { ServiceName, ServicePort } from './dashboard-contract.js';

const internet = (port: number): ServicePort => ({ port, protocol: 'tcp', reach: 'internet' });
const loopback = (port: number): ServicePort => ({ port, protocol: 'tcp', reach: 'loopback' });
const via443 = (port: number): ServicePort => ({ port, protocol: 'tcp', reach: 'via443' });

/**
 * The ports each service listens on. Every container of the stack uses the host's network, so
 * the engine publishes no ports to read: these are mail-stack/SERVICES.md's table (MX_PORT,
 * SMTP_PORT, IMAP_PORT and POP3_PORT as setup.sh writes them). 'via443' services terminate TLS
 * behind the SNI router and are closed in the firewall; 'loopback' ones listen on 127.0.0.1 only.
 */
export const SERVICE_PORTS: Record<ServiceName, ServicePort[]> = {
  nginx: [internet(443), internet(80)],
  web: [via443(3000)],
  api: [via443(4000)],
  bree: [],
  smtp: [internet(465)],
  smtp_bree: [],
  mx: [internet(25)],
  imap: [internet(993)],
  pop3: [internet(995)],
  sqlite: [loopback(3456)],
  sqlite_bree: [],
  caldav: [via443(5000)],
  carddav: [via443(6000)],
  mongodb: [loopback(27017)],
  redis: [loopback(6379)],
};
