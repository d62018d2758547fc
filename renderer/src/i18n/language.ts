import { LANGUAGES, type Language, type Settings } from '../../../electron/contract/schemas';

/** The language the interface shows: the user's choice, or the system's while they have not chosen. */
export function resolveLanguage(choice: Settings['language'], systemLanguage: Language): Language {
  return choice === 'system' ? systemLanguage : choice;
}

/** Before app.info has answered (or when it fails), the browser's own preference is the best guess. */
export function guessLanguage(preferred: readonly string[]): Language {
  for (const locale of preferred) {
    const match = LANGUAGES.find((language) => locale.toLowerCase().split('-')[0] === language);
    if (match) return match;
  }
  return 'en';
}
