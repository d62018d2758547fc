// mail-stack/nginx.conf: the SNI router's routing table, read from the file (nginx -t against the real image
// runs in the test world, not here).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const STACK_DIR = path.resolve(import.meta.dirname, '../../mail-stack');
const NGINX_CONF = readFileSync(path.join(STACK_DIR, 'nginx.conf'), 'utf8');
const COMPOSE = readFileSync(path.join(STACK_DIR, 'docker-compose.yml'), 'utf8');

/** The body of the first `<name> ... {` block (braces balanced), comments removed. */
function block(text: string, header: RegExp): string {
  const code = text.replace(/#.*$/gm, '');
  const start = code.search(header);
  if (start < 0) throw new Error(`no block ${header}`);
  const open = code.indexOf('{', start);
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '{') depth++;
    if (code[i] === '}' && --depth === 0) return code.slice(open + 1, i);
  }
  throw new Error(`unbalanced block ${header}`);
}

/** Server name (first label) -> backend port, through the map and the upstream blocks. */
function routes(): Map<string, number> {
  const stream = block(NGINX_CONF, /^stream\s*\{/m);
  const map = block(stream, /map \$ssl_preread_server_name/);
  const ports = new Map<string, number>();
  for (const m of stream.matchAll(/upstream (\S+)\s*\{\s*server 127\.0\.0\.1:(\d+);\s*\}/g)) {
    ports.set(m[1] ?? '', Number(m[2]));
  }
  const table = new Map<string, number>();
  for (const m of map.matchAll(/^\s*(~\^([a-z]+)\\\.|default)\s+(\S+);/gm)) {
    const port = ports.get(m[3] ?? '');
    if (port === undefined) throw new Error(`map target ${m[3]} has no upstream block`);
    table.set(m[2] ?? 'default', port);
  }
  return table;
}

describe('mail-stack/nginx.conf', () => {
  it("routes 443 by SNI exactly as upstream's router: api, caldav, carddav, everything else to web", () => {
    expect(Object.fromEntries(routes())).toEqual({ api: 4000, caldav: 5000, carddav: 6000, default: 3000 });
  });

  it('passes TLS through on 443 (IPv4 and IPv6) without terminating it', () => {
    const stream = block(NGINX_CONF, /^stream\s*\{/m);
    const server = block(stream, /server\s*\{/);
    expect(server).toMatch(/listen 443;/);
    expect(server).toMatch(/listen \[::\]:443;/);
    expect(server).toMatch(/ssl_preread on;/);
    expect(NGINX_CONF.replace(/#.*$/gm, '')).not.toMatch(/ssl_certificate/);
  });

  it('answers ACME HTTP-01 from the webroot compose mounts, and redirects the rest of port 80 to https', () => {
    const http = block(NGINX_CONF, /^http\s*\{/m);
    expect(http).toMatch(/listen 80 default_server;/);
    expect(block(http, /location \^~ \/\.well-known\/acme-challenge\/\s*\{/)).toMatch(/root \/var\/www\/acme;/);
    expect(block(http, /location \/\s*\{/)).toMatch(/return 301 https:\/\/\$host\$request_uri;/);
    expect(COMPOSE).toContain('- ./acme-webroot:/var/www/acme:ro');
    expect(COMPOSE).toContain('- ./nginx.conf:/etc/nginx/nginx.conf:ro');
  });

  it('needs no per-install substitution', () => {
    expect(NGINX_CONF).not.toMatch(/\{\{|\$\{|example\.com/);
  });
});
