import { quoteArgument } from '../../ssh/remote-command.js';

export interface CloudInitOptions {
  publicKey: string;
  email?: string | undefined;
  domain?: string | undefined;
  authBasicUsername?: string | undefined;
  authBasicPassword?: string | undefined;
  cloudflareApiToken?: string | undefined;
}

/**
 * The user data to paste when creating the VPS: root's SSH key, and the self-hosting guide's
 * options (EMAIL, DOMAIN, AUTH_BASIC_USERNAME, AUTH_BASIC_PASSWORD as /etc/profile.d/env.sh, and
 * /root/.cloudflare.ini for Cloudflare DNS). Every value is quoted for its place: YAML strings as
 * JSON (valid YAML), shell values single-quoted, the ini token in double quotes after validation.
 */
export function renderCloudInit(options: CloudInitOptions): string {
  const yaml = (value: string) => JSON.stringify(value);
  for (const [field, value] of Object.entries(options)) {
    if (typeof value === 'string' && /[\r\n]/.test(value)) throw new Error(`${field}: must be a single line`);
  }
  const lines = [
    '#cloud-config',
    'users:',
    '  - name: root',
    '    ssh_authorized_keys:',
    `      - ${yaml(options.publicKey)}`,
  ];
  const env: Array<[string, string | undefined]> = [
    ['EMAIL', options.email],
    ['DOMAIN', options.domain],
    ['AUTH_BASIC_USERNAME', options.authBasicUsername],
    ['AUTH_BASIC_PASSWORD', options.authBasicPassword],
  ];
  const exports = env.filter((entry): entry is [string, string] => Boolean(entry[1]));
  const files: string[] = [];
  if (options.cloudflareApiToken) {
    if (!/^[A-Za-z0-9_-]+$/.test(options.cloudflareApiToken))
      throw new Error('cloudflareApiToken: unexpected characters');
    files.push(
      '  - path: /root/.cloudflare.ini',
      '    content: |',
      `      dns_cloudflare_api_token = "${options.cloudflareApiToken}"`,
      '    owner: root:root',
      "    permissions: '0600'",
    );
  }
  if (exports.length > 0) {
    files.push(
      '  - path: /etc/profile.d/env.sh',
      '    content: |',
      ...exports.map(([name, value]) => `      export ${name}=${quoteArgument(value)}`),
      "    permissions: '0600'",
    );
  }
  if (files.length > 0) lines.push('write_files:', ...files);
  return `${lines.join('\n')}\n`;
}
