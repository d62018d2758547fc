import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../../common/errors/app-error.js';
import type { StackPaths } from '../stack-paths.js';
import type { CertificateOptions } from '../../../../common/stack/stack-contract.js';
import { fileChange, writeOwnedFile, type FileChange } from './owned-files.js';

/**
 * What certbot's DNS plugin needs for the chosen provider: the plugin's arguments, the credentials file
 * it reads (Cloudflare, DigitalOcean) and the environment given to certbot's process only (Route53).
 * The secret is in `file.content` or `env`, never in `args`.
 */
export interface DnsPluginCredentials {
  args: string[];
  /** onlyIfOurs: the file may be the user's own (~/.aws/credentials); never overwrite one we did not write. */
  file?: { path: string; content: string; onlyIfOurs?: boolean };
  env: Record<string, string>;
}

/** The credentials files' mode: certbot refuses (or warns about) files others can read. */
export const CREDENTIALS_FILE_MODE = 0o600;

const MAILHARBOR_MARK = "# Written by Mailharbor for certbot's Route53 plugin (renewals read it).";

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
    case 'route53': {
      // boto3 reads the keys from the environment during the install; certbot's renewal timer has no such
      // environment, so they are also in root's shared credentials file, which boto3 reads by default.
      const file = path.join(paths.rootHome, '.aws', 'credentials');
      return {
        args: ['--dns-route53'],
        file: {
          path: file,
          content: `${MAILHARBOR_MARK}\n[default]\naws_access_key_id = ${certificates.accessKeyId}\naws_secret_access_key = ${certificates.secretAccessKey}\n`,
          onlyIfOurs: true,
        },
        env: {
          AWS_ACCESS_KEY_ID: certificates.accessKeyId,
          AWS_SECRET_ACCESS_KEY: certificates.secretAccessKey,
        },
      };
    }
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
  if (credentials.file.onlyIfOurs) {
    const existing = await readFile(credentials.file.path, 'utf8').catch(() => undefined);
    if (existing !== undefined && !existing.startsWith(MAILHARBOR_MARK)) {
      throw new AppError('stack.certificateFailed', {
        params: { method: 'route53' },
        detail: `${credentials.file.path} exists and was not written by Mailharbor; it is left alone. Move it away (or use another certificate method) and try again.`,
        retryable: true,
      });
    }
    await mkdir(path.dirname(credentials.file.path), { recursive: true, mode: 0o700 });
  }
  return writeOwnedFile(credentials.file.path, credentials.file.content, CREDENTIALS_FILE_MODE);
}
