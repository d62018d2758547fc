import type { TFunction } from 'i18next';
import { presetEndpoint, type BackupDestination, type S3Provider } from '../../../../common/backups/backup-destination';
import { S3_PROVIDERS } from '../../../../common/backups/backup-destination';

/** "3 hours ago", in the current language. */
export function formatAge(t: TFunction, iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return t('backups.age.justNow');
  if (minutes < 120) return t('backups.age.minutes', { count: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t('backups.age.hours', { count: hours });
  return t('backups.age.days', { count: Math.round(hours / 24) });
}

/** The form's values: all text, as typed. */
export interface DestinationValues {
  provider: S3Provider;
  accountId: string;
  endpoint: string;
  region: string;
  bucket: string;
  prefix: string;
  pathStyle: boolean;
  caCertificatePem: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export function valuesOf(destination: BackupDestination | undefined, domain: string | undefined): DestinationValues {
  if (!destination) {
    return {
      provider: 'aws',
      accountId: '',
      endpoint: presetEndpoint('aws', { region: S3_PROVIDERS.aws.region }),
      region: S3_PROVIDERS.aws.region,
      bucket: '',
      prefix: domain ? `mailharbor/${domain}` : 'mailharbor',
      pathStyle: S3_PROVIDERS.aws.pathStyle,
      caCertificatePem: '',
      accessKeyId: '',
      secretAccessKey: '',
    };
  }
  return {
    provider: destination.provider,
    accountId: /^https:\/\/([^.]+)\.r2\.cloudflarestorage\.com$/.exec(destination.endpoint)?.[1] ?? '',
    endpoint: destination.endpoint,
    region: destination.region,
    bucket: destination.bucket,
    prefix: destination.prefix,
    pathStyle: destination.pathStyle,
    caCertificatePem: destination.caCertificatePem ?? '',
    accessKeyId: '',
    secretAccessKey: '',
  };
}

/** A preset fills what it knows when the provider, region or account change; the rest stays as typed. */
export function withPreset(values: DestinationValues, patch: Partial<DestinationValues>): DestinationValues {
  const next = { ...values, ...patch };
  const preset = S3_PROVIDERS[next.provider];
  if (patch.provider && patch.provider !== values.provider) {
    next.region = preset.region;
    next.pathStyle = preset.pathStyle;
  }
  if (preset.endpoint && (patch.provider || patch.region !== undefined || patch.accountId !== undefined)) {
    next.endpoint = presetEndpoint(next.provider, { region: next.region, accountId: next.accountId });
  }
  return next;
}

/** The destination as the contract takes it (the strict parsers run on it before it is sent). */
export function destinationOf(values: DestinationValues) {
  return {
    provider: values.provider,
    endpoint: values.endpoint,
    region: values.region,
    bucket: values.bucket,
    prefix: values.prefix,
    pathStyle: values.pathStyle,
    ...(values.caCertificatePem.trim() ? { caCertificatePem: values.caCertificatePem.trim() } : {}),
  };
}
