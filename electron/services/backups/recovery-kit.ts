import { z } from 'zod';
import { BackupSecretsSchema, BackupSettingsSchema } from '../../../common/backups/backups-contract.js';
import { AppError } from '../../../common/errors/app-error.js';

/**
 * The recovery kit: the file a user keeps to rebuild the server elsewhere with nothing else: its
 * domain, .env and DKIM key, and where the backups are with the keys and the repository password.
 * Encrypted with the user's passphrase in age's standard format (scrypt recipient, typage: the
 * reference implementation's JavaScript port), so `age -d` opens it too, without Mailharbor.
 */
export const KitSchema = z.object({
  format: z.literal(1),
  createdAt: z.iso.datetime(),
  domain: z.string(),
  env: z.string(),
  dkimKey: z.string(),
  backup: z.object({ settings: BackupSettingsSchema, secrets: BackupSecretsSchema }),
});
export type RecoveryKit = z.output<typeof KitSchema>;

/** age's scrypt work factor: 2^18, age's own default (about a second to open on a laptop). */
const WORK_FACTOR = 18;

export function kitFileName(domain: string): string {
  return `${domain}.mailharbor-kit.age`;
}

export async function sealKit(kit: RecoveryKit, passphrase: string, workFactor = WORK_FACTOR): Promise<Uint8Array> {
  const { Encrypter } = await import('age-encryption');
  const encrypter = new Encrypter();
  encrypter.setPassphrase(passphrase);
  encrypter.setScryptWorkFactor(workFactor);
  return encrypter.encrypt(JSON.stringify(KitSchema.parse(kit)));
}

export async function openKit(file: Uint8Array, passphrase: string): Promise<RecoveryKit> {
  const { Decrypter } = await import('age-encryption');
  if (!new TextDecoder().decode(file.subarray(0, 21)).startsWith('age-encryption.org/v1')) {
    throw new AppError('kit.unreadable', { detail: 'not an age file (no age-encryption.org/v1 header)' });
  }
  const decrypter = new Decrypter();
  decrypter.addPassphrase(passphrase);
  let text: string;
  try {
    text = await decrypter.decrypt(file, 'text');
  } catch (error) {
    const message = (error as Error).message;
    if (/passphrase|no identity|incorrect|unwrap|failed to decrypt/i.test(message)) {
      throw new AppError('kit.wrongPassphrase', { detail: message, retryable: true });
    }
    throw new AppError('kit.unreadable', { detail: message });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const parsed = KitSchema.safeParse(value);
  if (!parsed.success)
    throw new AppError('kit.unreadable', { detail: 'the kit opened, but its contents are not a Mailharbor kit' });
  return parsed.data;
}
