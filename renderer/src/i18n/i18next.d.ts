import 'i18next';
import type { Messages } from './resources';

// Makes t() check its keys against the English resources at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
