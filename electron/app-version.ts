/** Replaced at build time from package.json; the fallback serves tests that run the sources directly. */
declare const __MAILHARBOR_VERSION__: string | undefined;

export const APP_VERSION: string = typeof __MAILHARBOR_VERSION__ === 'string' ? __MAILHARBOR_VERSION__ : '0.0.0-dev';
