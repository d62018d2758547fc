/** The renderer is served from this origin by the app protocol; nothing else may load in the window. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'mailharbor';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True only for a document of our own renderer. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Links the system browser may open: plain https and mailto, nothing that runs programs. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'mailto:';
  } catch {
    return false;
  }
}
