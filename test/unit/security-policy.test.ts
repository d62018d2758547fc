import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/security/content-security-policy.js';
import { isAppUrl, isExternalLinkAllowed } from '../../electron/security/navigation-policy.js';
import { secureWebPreferences } from '../../electron/security/web-preferences.js';

describe('Electron security settings', () => {
  it('isolates and sandboxes the renderer without Node', () => {
    const preferences = secureWebPreferences('/app/preload.cjs');
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
  });

  it('allows scripts only from the app itself', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('keeps the window on the app and sends only https and mailto links to the browser', () => {
    expect(isAppUrl('app://mailharbor/index.html')).toBe(true);
    expect(isAppUrl('app://elsewhere/index.html')).toBe(false);
    expect(isAppUrl('https://mailharbor/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isExternalLinkAllowed('https://forwardemail.net/')).toBe(true);
    expect(isExternalLinkAllowed('mailto:admin@example.com')).toBe(true);
    expect(isExternalLinkAllowed('file:///etc/passwd')).toBe(false);
    expect(isExternalLinkAllowed('javascript:alert(1)')).toBe(false);
    expect(isExternalLinkAllowed('smb://server/share')).toBe(false);
  });
});
