import { LANGUAGES, type Language } from '../contract/schemas.js';

/** The first of the system's preferred locales that the interface is written in; English otherwise. */
export function pickSystemLanguage(preferredLocales: readonly string[]): Language {
  for (const locale of preferredLocales) {
    const language = locale.toLowerCase().split(/[-_.]/)[0];
    const match = LANGUAGES.find((candidate) => candidate === language);
    if (match) return match;
  }
  return 'en';
}

/** Outside Electron (web mode), the locale comes from the environment the way POSIX tools read it. */
export function localesFromEnvironment(environment: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnvironment = [environment.LC_ALL, environment.LC_MESSAGES, environment.LANG]
    .concat((environment.LANGUAGE ?? '').split(':'))
    .filter((value): value is string => Boolean(value) && value !== 'C' && value !== 'POSIX');
  return [...fromEnvironment, Intl.DateTimeFormat().resolvedOptions().locale];
}
