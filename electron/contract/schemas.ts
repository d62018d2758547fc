import { z } from 'zod';

/** Languages the interface is written in. 'system' follows the operating system. */
export const LANGUAGES = ['en', 'nl'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

export const SettingsSchema = z.object({
  language: z.enum(['system', ...LANGUAGES]),
  theme: z.enum(['system', 'light', 'dark']),
  /**
   * Linux without a keyring can only obscure secrets, not encrypt them: Mailharbor stores
   * passwords there only after the user has agreed to that.
   */
  allowWeakSecretStorage: z.boolean().optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = { language: 'system', theme: 'system' };

export const SettingsPatchSchema = SettingsSchema.partial().strict();

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.enum(['darwin', 'win32', 'linux', 'other']),
  /** The operating system's language, used while the user has not picked one. */
  systemLanguage: LanguageSchema,
  /**
   * How passwords are kept on this computer: the OS keychain, a private key file (web mode), or
   * 'weak' (Linux without a keyring), where storing them needs the user's consent.
   */
  secretStorage: z.enum(['os-keychain', 'key-file', 'weak']),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const EmptySchema = z.object({}).strict();
