import type { VpsState } from '../world/vps.js';
import { consoleRun } from './vps-admin.js';

/** The stack directory an install writes (remote-agent/src/stack/stack-paths.ts DEFAULT_STACK_DIR). */
const STACK_DIR = '/root/forwardemail.net/self-hosting';

/**
 * What the DNS page reads of an install, made by hand in seconds instead of a whole install: the .env
 * with the domain, profile and DKIM selector, and ssl/dkim.key made the way upstream makes it. Returns
 * the DKIM public key (base64 SPKI) the records must carry.
 */
export async function fakeInstall(
  vps: VpsState,
  options: { domain: string; profile?: 'full' | 'forwarding'; selector?: string },
): Promise<string> {
  const env = [
    `DOMAIN=${options.domain}`,
    `DKIM_KEY_SELECTOR=${options.selector ?? 'default'}`,
    // what the install writes: the storage profile is the full stack, none is forwarding only
    `COMPOSE_PROFILES=${options.profile === 'forwarding' ? '' : 'storage'}`,
    '',
  ].join('\n');
  await consoleRun(vps, ['mkdir', '-p', `${STACK_DIR}/ssl`]);
  await consoleRun(vps, ['tee', `${STACK_DIR}/.env`], env);
  await consoleRun(vps, ['openssl', 'genrsa', '-f4', '-out', `${STACK_DIR}/ssl/dkim.key`, '2048']);
  await consoleRun(vps, ['chmod', '600', `${STACK_DIR}/ssl/dkim.key`]);
  const der = await consoleRun(vps, [
    'sh',
    '-c',
    'openssl rsa -in "$1" -pubout -outform DER 2>/dev/null | base64 -w0',
    'sh',
    `${STACK_DIR}/ssl/dkim.key`,
  ]);
  return der.trim();
}

/** Removes the hand-made install again (the DNS page then says nothing is installed). */
export async function removeFakeInstall(vps: VpsState): Promise<void> {
  await consoleRun(vps, ['rm', '-rf', STACK_DIR]);
}

/**
 * A self-signed certificate for `name` served on `port` by openssl s_server, standing in for the
 * stack's web server before it has a real certificate: the TLS check then has something to describe.
 */
export async function serveSelfSignedTls(vps: VpsState, port: number, name: string): Promise<void> {
  await consoleRun(vps, [
    'openssl',
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '30',
    '-subj',
    `/CN=${name}`,
    '-addext',
    `subjectAltName=DNS:${name}`,
    '-keyout',
    '/tmp/mh-tls-key.pem',
    '-out',
    '/tmp/mh-tls-cert.pem',
  ]);
  await consoleRun(vps, [
    'sh',
    '-c',
    // detached from docker exec: it keeps serving after this command returns
    'nohup openssl s_server -quiet -accept "$1" -cert /tmp/mh-tls-cert.pem -key /tmp/mh-tls-key.pem >/dev/null 2>&1 </dev/null &',
    'sh',
    String(port),
  ]);
}
