import { z } from 'zod';

// Zod compiles fast parsers with `new Function`, and its probe for that is reported as a CSP
// violation (script-src has no 'unsafe-eval'), even though the failure is caught. Interpreted
// parsing is plenty for the renderer. This must run before any schema is built, so main.tsx
// imports this module first.
z.config({ jitless: true });
