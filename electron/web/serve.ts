import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventHub } from '../rpc/event-hub.js';
import { createHandlers } from '../services/handlers.js';
import {
  dnsEnvironmentFromEnvironment,
  smtpProbeTargetsFromEnvironment,
  stackEnvironmentFromEnvironment,
} from '../services/outside-addresses.js';
import { localesFromEnvironment, pickSystemLanguage } from '../main/system-language.js';
import { startWebServer } from './web-server.js';
import { AGENT_RUNTIME_NODE_VERSION, APP_VERSION } from '../app-version.js';
import { AgentArtifacts } from '../agent/artifacts.js';
import { KeyFileCipher } from '../vault/key-file-cipher.js';

/**
 * `npm run web`: the main-process services in plain Node, with the renderer served to a browser.
 * Data lives in MAILHARBOR_DATA_DIR, or in the same per-user folder the desktop app would use.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = process.env.MAILHARBOR_RENDERER_DIR ?? path.resolve(here, '../renderer');
const dataDir = process.env.MAILHARBOR_DATA_DIR ?? path.join(homedir(), '.config', 'Mailharbor');
const port = Number(process.env.MAILHARBOR_WEB_PORT ?? 0);

const hub = new EventHub();
const handlers = createHandlers(
  {
    dataDir,
    version: APP_VERSION,
    platform: process.platform,
    systemLanguage: pickSystemLanguage(localesFromEnvironment()),
    // No OS keychain in plain Node: secrets are sealed with a key only this user can read.
    cipher: new KeyFileCipher(path.join(dataDir, 'vault.key')),
    artifacts: new AgentArtifacts(path.resolve(here, '..'), APP_VERSION, AGENT_RUNTIME_NODE_VERSION),
    userKnownHostsFile: path.join(homedir(), '.ssh', 'known_hosts'),
    smtpProbeTargets: smtpProbeTargetsFromEnvironment(),
    stackEnvironment: stackEnvironmentFromEnvironment(),
    dnsEnvironment: dnsEnvironmentFromEnvironment(),
  },
  hub,
);

const server = await startWebServer({ handlers, hub, rendererDir, port });
process.stdout.write(`Mailharbor is running. Open this link in your browser:\n${server.url}\n`);

const stop = () => void server.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
