// The command line with which a world daemon is told where to listen: --port and one --listen per
// address, and HTTPS too when --tls-port, --tls-cert and --tls-key are all given.
import type { ListenSpec } from './http-listeners.js';

/** The command-line options (for parseArgs) with which a world daemon is told where to listen. */
export const LISTEN_OPTIONS = {
  port: { type: 'string' },
  listen: { type: 'string', multiple: true },
  'tls-port': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
} as const;

/** Where LISTEN_OPTIONS' values say to listen; undefined when --port or --listen is missing. */
export function listenSpecOf(values: {
  port?: string | undefined;
  listen?: string[] | undefined;
  'tls-port'?: string | undefined;
  'tls-cert'?: string | undefined;
  'tls-key'?: string | undefined;
}): ListenSpec | undefined {
  const port = Number(values.port);
  const addresses = values.listen ?? [];
  if (!Number.isInteger(port) || addresses.length === 0) return undefined;
  const tlsPort = values['tls-port'];
  const certPath = values['tls-cert'];
  const keyPath = values['tls-key'];
  return {
    addresses,
    port,
    tls: tlsPort && certPath && keyPath ? { port: Number(tlsPort), certPath, keyPath } : undefined,
  };
}
