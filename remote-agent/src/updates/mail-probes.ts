import net from 'node:net';
import tls from 'node:tls';

/**
 * Does the mail server do its job, not only run: an SMTP greeting on 25 and 465, an IMAP greeting
 * on 993, an HTTP answer through the router on 443. From the server itself (127.0.0.1), so the
 * firewall and the internet play no part. Certificates are not judged here (the certificates
 * panel does that): a self-signed or expired one still proves the service answers.
 */
export interface MailProbe {
  name: string;
  port: number;
  tls: boolean;
  /** Sent once connected (HTTP asks; SMTP and IMAP speak first). */
  send?: string;
  expect: RegExp;
}

export const PROBE_TIMEOUT_MS = 5_000;

export function mailProbes(
  ports: { mx: number; smtp: number; imap: number | undefined },
  serverName: string,
): MailProbe[] {
  const probes: MailProbe[] = [
    { name: 'SMTP', port: ports.mx, tls: false, expect: /^220[ -]/ },
    { name: 'SMTP (TLS)', port: ports.smtp, tls: true, expect: /^220[ -]/ },
  ];
  if (ports.imap !== undefined) probes.push({ name: 'IMAP (TLS)', port: ports.imap, tls: true, expect: /^\* OK/ });
  probes.push({
    name: 'HTTPS',
    port: 443,
    tls: true,
    send: `HEAD / HTTP/1.1\r\nHost: ${serverName}\r\nConnection: close\r\n\r\n`,
    expect: /^HTTP\/1\.[01] \d{3}/,
  });
  return probes;
}

/** The probe's first line, or why there was none. Never throws. */
export function runProbe(
  probe: MailProbe,
  serverName: string,
  host = '127.0.0.1',
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<{ ok: boolean; detail: string }> {
  return new Promise((resolve) => {
    let received = '';
    let settled = false;
    const finish = (ok: boolean, detail: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok, detail });
    };
    const socket = probe.tls
      ? tls.connect({ host, port: probe.port, servername: serverName, rejectUnauthorized: false })
      : net.connect({ host, port: probe.port });
    const timer = setTimeout(() => finish(false, `no answer within ${timeoutMs} ms`), timeoutMs);
    socket.once(probe.tls ? 'secureConnect' : 'connect', () => {
      if (probe.send) socket.write(probe.send);
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const line = received.split(/\r?\n/)[0] ?? '';
      if (received.includes('\n') || received.length > 512) {
        finish(probe.expect.test(line), line.slice(0, 200) || '(empty line)');
      }
    });
    socket.on('error', (error: Error) => finish(false, error.message));
    socket.on('close', () =>
      finish(false, received ? `closed after "${received.slice(0, 120)}"` : 'closed without a word'),
    );
  });
}
