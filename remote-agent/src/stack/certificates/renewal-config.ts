import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { StackPaths } from '../stack-paths.js';
import { requirePlainPath } from './certbot-args.js';
import { writeOwnedFile } from './owned-files.js';

/** The [renewalparams] values a check needs from /etc/letsencrypt/renewal/<name>.conf. */
export interface RenewalParams {
  server?: string;
  authenticator?: string;
}

export function renewalConfPath(paths: StackPaths, certName: string): string {
  return path.join(paths.letsencryptDir, 'renewal', `${certName}.conf`);
}

const MAX_LINES = 10_000;

/** The `key = value` lines of the [renewalparams] section (configobj syntax, as certbot writes it). */
export function parseRenewalParams(text: string): RenewalParams {
  const params: RenewalParams = {};
  let inSection = false;
  for (const line of text.split('\n').slice(0, MAX_LINES)) {
    const trimmed = line.trim();
    if (trimmed.startsWith('[')) {
      // [[webroot_map]] and any other section end the plain keys of [renewalparams]
      inSection = trimmed === '[renewalparams]';
      continue;
    }
    const match = inSection ? /^([a-z_]+)\s*=\s*(.*?)\s*$/.exec(trimmed) : null;
    if (match?.[1] === 'server') params.server = match[2];
    if (match?.[1] === 'authenticator') params.authenticator = match[2];
  }
  return params;
}

export async function readRenewalParams(paths: StackPaths, certName: string): Promise<RenewalParams | undefined> {
  try {
    return parseRenewalParams(await readFile(renewalConfPath(paths, certName), 'utf8'));
  } catch {
    return undefined;
  }
}

/** The same ACME directory, whatever a trailing slash or the host's case say. */
export function sameDirectoryUrl(a: string, b: string): boolean {
  const normal = (url: string) => {
    try {
      const parsed = new URL(url.trim());
      return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`;
    } catch {
      return url.trim().replace(/\/+$/, '');
    }
  };
  return normal(a) === normal(b);
}

/**
 * A renewal config that renews by --standalone, rewritten to renew through nginx's webroot: certbot
 * reads `webroot_path` for every name when no [[webroot_map]] lists it (certbot's webroot plugin and
 * renewal.py's _restore_webroot_config). Undefined when the config does not renew by --standalone.
 */
export function standaloneToWebroot(text: string, webroot: string): string | undefined {
  const lines = text.split('\n');
  let inSection = false;
  let authenticatorLine = -1;
  const oldWebrootLines = new Set<number>();
  for (const [index, line] of lines.entries()) {
    const trimmed = line.trim();
    if (trimmed.startsWith('[')) {
      inSection = trimmed === '[renewalparams]';
      continue;
    }
    if (!inSection) continue;
    if (/^authenticator\s*=\s*standalone$/.test(trimmed)) authenticatorLine = index;
    if (/^webroot_path\s*=/.test(trimmed)) oldWebrootLines.add(index);
  }
  if (authenticatorLine < 0) return undefined;
  const out: string[] = [];
  for (const [index, line] of lines.entries()) {
    if (oldWebrootLines.has(index)) continue;
    if (index !== authenticatorLine) {
      out.push(line);
      continue;
    }
    // The trailing comma makes a one-item list, as certbot writes webroot_path itself.
    out.push('authenticator = webroot', `webroot_path = ${webroot},`);
  }
  return out.join('\n');
}

/**
 * A certificate first issued with --standalone (port 80 was free before the stack ran) would fail to
 * renew once nginx holds port 80 (mail-stack/README.md): its renewal switches to the webroot nginx
 * serves. Returns whether the config changed.
 */
export async function switchRenewalToWebroot(paths: StackPaths, certName: string): Promise<boolean> {
  const file = renewalConfPath(paths, certName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return false;
  }
  const rewritten = standaloneToWebroot(text, requirePlainPath(paths.acmeWebroot, 'paths.acmeWebroot'));
  if (rewritten === undefined) return false;
  // certbot writes renewal configs 0644 (they hold no secret: credentials are in files of their own)
  await writeOwnedFile(file, rewritten, 0o644);
  return true;
}
