import path from 'node:path';
import type { StackPaths } from '../stack-paths.js';
import type { CertificateOptions } from '../stack-contract.js';
import { fileChange, writeOwnedFile, type FileChange } from './owned-files.js';

/**
 * What certbot's DNS plugin needs for the chosen provider: the plugin's arguments, the credentials file
 * it reads (Cloudflare, DigitalOcean) and the environment given to certbot's process only (Route53).
 * The secret is in `file.content` or `env`, never in `args`.
 */
export interface DnsPluginCredentials {
  args: string[];
  file?: { path: string; content: string };
  env: Record<string, string>;
}

/** The credentials files' mode: certbot refuses (or warns about) files others can read. */
export const CREDENTIALS_FILE_MODE = 0o600;

export function dnsPluginCredentials(
  certificates: CertificateOptions,
  paths: StackPaths,
): DnsPluginCredentials | undefined {
  switch (certificates.method) {
    case 'cloudflare': {
      // The path upstream's setup.sh uses (and detects on a re-run): /root/.cloudflare.ini.
      const file = path.join(paths.rootHome, '.cloudflare.ini');
      return {
        args: ['--dns-cloudflare', '--dns-cloudflare-credentials', file],
        file: { path: file, content: `dns_cloudflare_api_token = ${certificates.apiToken}\n` },
        env: {},
      };
    }
    case 'digitalocean': {
      const file = path.join(paths.rootHome, '.digitalocean.ini');
      return {
        args: ['--dns-digitalocean', '--dns-digitalocean-credentials', file],
        file: { path: file, content: `dns_digitalocean_token = ${certificates.apiToken}\n` },
        env: {},
      };
    }
    case 'route53':
      // boto3 reads these from the environment; they reach certbot's process and nothing else.
      return {
        args: ['--dns-route53'],
        env: {
          AWS_ACCESS_KEY_ID: certificates.accessKeyId,
          AWS_SECRET_ACCESS_KEY: certificates.secretAccessKey,
        },
      };
    case 'http':
    case 'manual':
      return undefined;
  }
}

/** Whether the credentials file is missing, holds another token, or has a wider mode (read only). */
export async function credentialsFileChange(credentials: DnsPluginCredentials | undefined): Promise<FileChange> {
  if (!credentials?.file) return 'keep';
  return fileChange(credentials.file.path, credentials.file.content, CREDENTIALS_FILE_MODE);
}

export async function writeCredentialsFile(credentials: DnsPluginCredentials | undefined): Promise<FileChange> {
  if (!credentials?.file) return 'keep';
  return writeOwnedFile(credentials.file.path, credentials.file.content, CREDENTIALS_FILE_MODE);
}
