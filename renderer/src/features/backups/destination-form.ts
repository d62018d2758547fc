import { BackupKeysSchema } from '../../../../common/backups/backup-destination';
import { BackupSettingsSchema, type Retention, type Schedule } from '../../../../common/backups/backups-contract';
import { destinationOf, type DestinationValues } from './backup-view';

export const DESTINATION_FIELDS = [
  'accountId',
  'endpoint',
  'region',
  'bucket',
  'prefix',
  'caCertificatePem',
  'accessKeyId',
  'secretAccessKey',
  'retention',
  'time',
] as const;
export type DestinationField = (typeof DESTINATION_FIELDS)[number];
export type DestinationProblems = Partial<Record<DestinationField, DestinationField>>;

export interface SettingsValues {
  destination: DestinationValues;
  retention: { daily: string; weekly: string; monthly: string };
  schedule: Schedule;
}

/** Keys are needed the first time; later, both empty means "keep the stored ones". */
export function keysOf(values: DestinationValues, stored: boolean) {
  if (stored && !values.accessKeyId.trim() && !values.secretAccessKey) return undefined;
  return { accessKeyId: values.accessKeyId, secretAccessKey: values.secretAccessKey };
}

/**
 * The settings and keys, held to the same schemas the agent uses, each problem on its field
 * (the words for each field's problem are the form's own).
 */
export function checkSettings(values: SettingsValues, keysStored: boolean) {
  const problems: DestinationProblems = {};
  if (values.destination.provider === 'r2' && !/^[A-Za-z0-9]{6,64}$/.test(values.destination.accountId)) {
    problems.accountId = 'accountId';
  }
  const retention: Retention = {
    daily: Number(values.retention.daily),
    weekly: Number(values.retention.weekly),
    monthly: Number(values.retention.monthly),
  };
  const settings = BackupSettingsSchema.safeParse({
    destination: destinationOf(values.destination),
    retention,
    schedule: values.schedule,
  });
  if (!settings.success) {
    for (const issue of settings.error.issues) {
      const [section, field] = issue.path.map(String);
      if (section === 'retention') problems.retention = 'retention';
      else if (section === 'schedule') problems.time = 'time';
      else if (field && (DESTINATION_FIELDS as readonly string[]).includes(field)) {
        problems[field as DestinationField] = field as DestinationField;
      }
    }
  }
  const keys = keysOf(values.destination, keysStored);
  if (keys || !keysStored) {
    const parsed = BackupKeysSchema.safeParse(keys ?? { accessKeyId: '', secretAccessKey: '' });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as DestinationField;
        problems[field] = field;
      }
    }
  }
  if (Object.keys(problems).length > 0 || !settings.success) return { ok: false as const, problems };
  return { ok: true as const, settings: settings.data, keys };
}
