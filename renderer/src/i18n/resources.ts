import type { Language } from '../../../electron/contract/schemas';
import { en, type Messages } from './en';
import { nl } from './nl';

export const messages: Record<Language, Messages> = { en, nl };
