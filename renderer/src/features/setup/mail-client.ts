import type { StackAccess } from '../../../../common/stack/stack-contract';

export type MailProtocol = 'imap' | 'pop3' | 'smtp';
export type Security = 'tls' | 'starttls';

export interface MailClientRow {
  protocol: MailProtocol;
  host: string;
  port: number;
  security: Security;
}

/** Ports where the connection is encrypted from the first byte; on the others it is upgraded with STARTTLS. */
const IMPLICIT_TLS_PORTS: ReadonlySet<number> = new Set([465, 993, 995]);

/** The rows of the mail-app settings table: IMAP and POP3 only when the stack has them, SMTP always. */
export function mailClientRows(mailClient: StackAccess['mailClient']): MailClientRow[] {
  const rows: MailClientRow[] = [];
  for (const protocol of ['imap', 'pop3', 'smtp'] as const) {
    const server = mailClient[protocol];
    if (!server) continue;
    rows.push({
      protocol,
      host: server.host,
      port: server.port,
      security: IMPLICIT_TLS_PORTS.has(server.port) ? 'tls' : 'starttls',
    });
  }
  return rows;
}
