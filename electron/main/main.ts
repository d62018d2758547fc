import { app, BrowserWindow, safeStorage } from 'electron';
import { homedir } from 'node:os';
import path from 'node:path';
import { AGENT_RUNTIME_NODE_VERSION, APP_VERSION } from '../app-version.js';
import { AgentArtifacts } from '../agent/artifacts.js';
import { SafeStorageCipher } from '../vault/safe-storage-cipher.js';
import { EventHub } from '../rpc/event-hub.js';
import { createHandlers } from '../services/handlers.js';
import {
  dnsEnvironmentFromEnvironment,
  smtpProbeTargetsFromEnvironment,
  stackEnvironmentFromEnvironment,
} from '../services/outside-addresses.js';
import { pickSystemLanguage } from './system-language.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { serveContractOverIpc } from './ipc-bridge.js';
import { createMainWindow, denyAllPermissions } from './window.js';

// This file is bundled to dist/electron/main.cjs; the renderer and preload sit beside it.
const distDir = path.resolve(__dirname, '..');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.enableSandbox();

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  void app.whenReady().then(() => {
    denyAllPermissions();
    serveRenderer(path.join(distDir, 'renderer'));
    const hub = new EventHub();
    const handlers = createHandlers(
      {
        dataDir: app.getPath('userData'),
        version: APP_VERSION,
        platform: process.platform,
        systemLanguage: pickSystemLanguage(app.getPreferredSystemLanguages()),
        cipher: new SafeStorageCipher(safeStorage),
        artifacts: new AgentArtifacts(
          app.isPackaged ? path.join(process.resourcesPath, 'dist') : distDir,
          APP_VERSION,
          AGENT_RUNTIME_NODE_VERSION,
        ),
        userKnownHostsFile: path.join(homedir(), '.ssh', 'known_hosts'),
        smtpProbeTargets: smtpProbeTargetsFromEnvironment(),
        stackEnvironment: stackEnvironmentFromEnvironment(),
        dnsEnvironment: dnsEnvironmentFromEnvironment(),
      },
      hub,
    );
    serveContractOverIpc(handlers, hub);
    createMainWindow(path.join(distDir, 'electron', 'preload.cjs'));

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(path.join(distDir, 'electron', 'preload.cjs'));
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
