import type { Language } from '../../../electron/contract/schemas';
import { commonTexts } from './common.nl';
import { errorsTexts } from './errors.nl';
import { serversTexts } from '../features/servers/servers.nl';
import { setupTexts } from '../features/setup/setup.nl';
import { dnsTexts } from '../features/dns/dns.nl';
import { providerHelpTexts } from '../features/dns/provider-help.nl';
import { backupsTexts } from '../features/backups/backups.nl';
import { dashboardTexts } from '../features/dashboard/dashboard.nl';
import { shellTexts } from '../features/shell/shell.nl';
import { settingsTexts } from '../features/settings/settings.nl';
import { updatesTexts } from '../features/updates/updates.nl';
import { certificatesTexts } from '../features/certificates/certificates.nl';

/**
 * Every interface text, from a file per feature beside the feature's code (common.* and errors.*
 * here are shared by all). Each feature's Dutch file is typed by its English one, so a key missing
 * from (or added to) a translation is a type error; a new feature adds one line below.
 */
const FEATURE_TEXTS = [
  commonTexts,
  errorsTexts,
  serversTexts,
  setupTexts,
  dnsTexts,
  providerHelpTexts,
  dashboardTexts,
  backupsTexts,
  updatesTexts,
  certificatesTexts,
  shellTexts,
  settingsTexts,
] as const;

type Intersection<U> = (U extends unknown ? (part: U) => void : never) extends (whole: infer I) => void ? I : never;
/** The shape of the whole text, English's, which every language matches. */
export type Messages = Intersection<(typeof FEATURE_TEXTS)[number]['en']>;

function assemble(language: Language): Messages {
  return Object.assign({}, ...FEATURE_TEXTS.map((texts) => texts[language])) as Messages;
}

export const messages: Record<Language, Messages> = { en: assemble('en'), nl: assemble('nl') };
