import { z } from 'zod';
import { secretSchema } from '../values/secret.js';

/**
 * Where backups go: any S3-compatible storage. One strict parser per value, used by the app's form,
 * main and the agent, so a mistake is named on its field before anything on the server changes.
 */

/** The common providers and what their endpoints look like; `custom` takes any HTTPS endpoint. */
export const S3_PROVIDERS = {
  aws: { endpoint: 'https://s3.{region}.amazonaws.com', region: 'us-east-1', pathStyle: false },
  r2: { endpoint: 'https://{accountId}.r2.cloudflarestorage.com', region: 'auto', pathStyle: true },
  b2: { endpoint: 'https://s3.{region}.backblazeb2.com', region: 'us-west-004', pathStyle: false },
  wasabi: { endpoint: 'https://s3.{region}.wasabisys.com', region: 'us-east-1', pathStyle: false },
  minio: { endpoint: '', region: 'us-east-1', pathStyle: true },
  custom: { endpoint: '', region: 'us-east-1', pathStyle: true },
} as const;
export type S3Provider = keyof typeof S3_PROVIDERS;
export const S3_PROVIDER_IDS = Object.keys(S3_PROVIDERS) as S3Provider[];

/** The endpoint a preset gives for a region (and, for R2, the account id). */
export function presetEndpoint(provider: S3Provider, values: { region: string; accountId?: string }): string {
  return S3_PROVIDERS[provider].endpoint
    .replace('{region}', values.region)
    .replace('{accountId}', values.accountId ?? '');
}

/**
 * An https:// URL of a host (and port), without credentials, path, query or fragment: restic's
 * repository is `s3:<endpoint>/<bucket>/<prefix>`, so anything after the host would change where the
 * data goes. Plain http is refused: keys and data would cross the internet unencrypted.
 */
export const S3EndpointSchema = z
  .string()
  .trim()
  .max(300)
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected an address such as https://s3.eu-central-1.amazonaws.com' });
      return z.NEVER;
    }
    if (url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: 'the endpoint must use https://' });
      return z.NEVER;
    }
    if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
      ctx.addIssue({
        code: 'custom',
        message: 'the endpoint is only https:// and a host name (and port), nothing after it',
      });
      return z.NEVER;
    }
    return `https://${url.host}`;
  });

/** AWS's bucket naming rules, which every S3 look-alike accepts too. */
export const BucketSchema = z
  .string()
  .trim()
  .regex(
    /^(?!\d+\.\d+\.\d+\.\d+$)(?!xn--)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    'expected a bucket name of 3 to 63 lower-case letters, digits, dots and hyphens',
  )
  .refine((value) => !value.includes('..'), { message: 'a bucket name cannot hold two dots in a row' });

/** A folder inside the bucket, so one bucket can hold the backups of several servers. */
export const PrefixSchema = z
  .string()
  .trim()
  .max(200)
  .regex(/^([A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*)?$/, 'expected folder names of letters, digits, . _ - separated by /')
  .refine((value) => !value.split('/').some((part) => part === '.' || part === '..'), {
    message: 'a folder cannot be . or ..',
  });

export const RegionSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{2,40}$/, 'expected a region such as eu-central-1 (or auto for Cloudflare R2)');

export const BackupDestinationSchema = z
  .object({
    provider: z.enum(S3_PROVIDER_IDS as [S3Provider, ...S3Provider[]]),
    endpoint: S3EndpointSchema,
    region: RegionSchema,
    bucket: BucketSchema,
    prefix: PrefixSchema.default(''),
    /** bucket in the path (https://host/bucket) rather than in the host name: MinIO, R2, most self-hosted. */
    pathStyle: z.boolean(),
    /** A private CA's certificate (PEM), for a storage server that is not signed by a public one. */
    caCertificatePem: z
      .string()
      .max(64 * 1024)
      .regex(/-----BEGIN CERTIFICATE-----/, 'expected a PEM certificate (-----BEGIN CERTIFICATE-----)')
      .optional(),
  })
  .strict();
export type BackupDestination = z.output<typeof BackupDestinationSchema>;

export const AccessKeyIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9+/=._-]{3,128}$/, 'expected the access key id exactly as the provider shows it');

export const BackupKeysSchema = z
  .object({
    accessKeyId: AccessKeyIdSchema,
    secretAccessKey: secretSchema({ what: 'the secret access key', min: 3, max: 256 }),
  })
  .strict();
export type BackupKeys = z.output<typeof BackupKeysSchema>;

/** restic derives the key that encrypts every backup from it: long, so a stolen bucket stays unreadable. */
export const RepositoryPasswordSchema = secretSchema({ what: 'the backup password', min: 12, max: 512 });

/** The repository restic opens: `s3:https://host/bucket[/prefix]`. */
export function resticRepository(destination: Pick<BackupDestination, 'endpoint' | 'bucket' | 'prefix'>): string {
  return `s3:${destination.endpoint}/${destination.bucket}${destination.prefix ? `/${destination.prefix}` : ''}`;
}
