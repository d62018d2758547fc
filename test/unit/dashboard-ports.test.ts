import { describe, expect, it } from 'vitest';
import { servicePorts } from '../../remote-agent/src/dashboard/service-ports.js';
import { EnvFile } from '../../remote-agent/src/stack/env/env-file.js';

const portsOf = (ports: ReturnType<typeof servicePorts>, service: keyof ReturnType<typeof servicePorts>) =>
  ports[service].map((entry) => `${entry.port}/${entry.reach}`);

describe('servicePorts', () => {
  it("is the seed's table without an install", () => {
    const ports = servicePorts();
    expect(portsOf(ports, 'mx')).toEqual(['25/internet']);
    expect(portsOf(ports, 'smtp')).toEqual(['465/internet']);
    expect(portsOf(ports, 'imap')).toEqual(['993/internet']);
    expect(portsOf(ports, 'pop3')).toEqual(['995/internet']);
    expect(portsOf(ports, 'nginx')).toEqual(['443/internet', '80/internet']);
    expect(portsOf(ports, 'redis')).toEqual(['6379/loopback']);
    expect(portsOf(ports, 'bree')).toEqual([]);
  });

  it('follows the ports the install moved in .env, and ignores values that are no port', () => {
    const env = EnvFile.parse(
      ['MX_PORT=2525', 'export SMTP_PORT = 587', 'IMAP_PORT=99999', 'POP3_PORT=abc', ''].join('\n'),
    );
    const ports = servicePorts((key) => env.get(key));
    expect(portsOf(ports, 'mx')).toEqual(['2525/internet']);
    expect(portsOf(ports, 'smtp')).toEqual(['587/internet']);
    expect(portsOf(ports, 'imap')).toEqual(['993/internet']);
    expect(portsOf(ports, 'pop3')).toEqual(['995/internet']);
  });
});
