import type { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import type { ServedCheck } from '../../../common/certificates/certificates-contract.js';
import { servicesFor } from '../../../common/stack/services.js';
import type { StackProfile } from '../../../common/stack/stack-contract.js';
import { servicePorts } from '../dashboard/service-ports.js';

/** A TLS port of the stack that serves the mail domain's certificate. */
export interface TlsPort {
  name: string;
  port: number;
}

const HANDSHAKE_TIMEOUT_MS = 5_000;

/**
 * The ports that present the domain's certificate to mail clients and browsers: SMTP 465, IMAP 993
 * and POP3 995 (when the profile runs them, at the ports .env gives), and HTTPS 443 through the
 * SNI router. Port 25 speaks plain SMTP first (STARTTLS) and is left to the health gate's probes.
 */
export function tlsPortsOf(env: (key: string) => string | undefined, profile: StackProfile): TlsPort[] {
  const ports = servicePorts(env);
  const running = new Set(servicesFor(profile).map((entry) => entry.service));
  const list: TlsPort[] = [{ name: 'SMTP (TLS)', port: ports.smtp[0]!.port }];
  if (running.has('imap')) list.push({ name: 'IMAP (TLS)', port: ports.imap[0]!.port });
  if (running.has('pop3')) list.push({ name: 'POP3 (TLS)', port: ports.pop3[0]!.port });
  list.push({ name: 'HTTPS', port: 443 });
  return list;
}

/** The leaf a TLS server presents for `serverName`, as node's X509Certificate; never throws. */
export function servedLeaf(
  port: number,
  serverName: string,
  host = '127.0.0.1',
): Promise<{ leaf?: X509Certificate; problem?: string }> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: { leaf?: X509Certificate; problem?: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    // Not verified on purpose: the question is which certificate is served, not whether it is trusted.
    const socket = tls.connect({ host, port, servername: serverName, rejectUnauthorized: false }, () => {
      const raw = socket.getPeerX509Certificate();
      finish(raw ? { leaf: raw } : { problem: 'no certificate presented' });
    });
    const timer = setTimeout(
      () => finish({ problem: `no TLS handshake within ${HANDSHAKE_TIMEOUT_MS} ms` }),
      HANDSHAKE_TIMEOUT_MS,
    );
    socket.once('error', (error: NodeJS.ErrnoException) => finish({ problem: error.code ?? error.message }));
  });
}

/** Whether each port serves `expected` (the certificate on disk), by its SHA-256 fingerprint. */
export async function checkServed(
  ports: readonly TlsPort[],
  serverName: string,
  expected: X509Certificate,
): Promise<ServedCheck[]> {
  return Promise.all<ServedCheck>(
    ports.map(async ({ name, port }) => {
      const { leaf, problem } = await servedLeaf(port, serverName);
      if (!leaf) return { name, port, serves: 'none', detail: (problem ?? 'unknown').slice(0, 500) };
      const same = leaf.fingerprint256 === expected.fingerprint256;
      return {
        name,
        port,
        serves: same ? 'this' : 'other',
        detail: `serial ${leaf.serialNumber}${same ? '' : `, expires ${leaf.validTo}`}`,
      };
    }),
  );
}
