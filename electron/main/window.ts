import { BrowserWindow, shell, session } from 'electron';
import { APP_ORIGIN, isAppUrl, isExternalLinkAllowed } from '../security/navigation-policy.js';
import { secureWebPreferences } from '../security/web-preferences.js';

/**
 * The one app window. It may show only our renderer: navigation elsewhere is stopped, new
 * windows are refused, and https/mailto links go to the system browser instead.
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'Mailharbor',
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });

  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());

  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

/** No permission (camera, notifications, geolocation...) is ever granted to the renderer. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
