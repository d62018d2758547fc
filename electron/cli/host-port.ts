import { isIP } from 'node:net';
import type { DnsServer } from '../../common/dns/dns-types.js';

/**
 * A nameserver as typed on the command line: HOST, HOST:PORT, an IPv6 address, or [IPv6]:PORT.
 * Port 53 when none is given. Returns an error text naming what is wrong instead of throwing.
 */
export function parseHostPort(text: string, defaultPort = 53): DnsServer | string {
  const value = text.trim();
  let host = value;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2];
  } else if (isIP(value) !== 6) {
    const colon = value.lastIndexOf(':');
    if (colon >= 0) {
      host = value.slice(0, colon);
      portText = value.slice(colon + 1);
    }
  }
  if (host === '' || (isIP(host) === 0 && !/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(host))) {
    return `"${text}" is not HOST or HOST:PORT`;
  }
  const port = portText === undefined ? defaultPort : Number(portText);
  if (!/^\d{1,5}$/.test(portText ?? String(defaultPort)) || port < 1 || port > 65535) {
    return `"${text}": the port must be a number from 1 to 65535`;
  }
  return { host, port };
}
