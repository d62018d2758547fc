import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgentArtifacts } from '../../electron/agent/artifacts.js';
import type { Environment } from '../../electron/services/handlers.js';
import { KeyFileCipher } from '../../electron/vault/key-file-cipher.js';
import { UNREACHABLE_DNS_ENVIRONMENT } from './dns-environment.js';
import { UNREACHABLE_STACK_ENVIRONMENT } from './stack-environment.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
  mailharbor: { agentRuntimeNode: string };
};

/** The Node version of the runtime the agent is deployed with (package.json "mailharbor.agentRuntimeNode"). */
export const AGENT_RUNTIME_NODE = packageJson.mailharbor.agentRuntimeNode;

/** The agent bundle and runtimes that `npm test` builds into dist/ before the integration tests run. */
export function builtArtifacts(): AgentArtifacts {
  return new AgentArtifacts(path.join(root, 'dist'), packageJson.version, AGENT_RUNTIME_NODE);
}

/** The environment web mode builds, pointed at a throw-away data folder and the built dist/. */
export function testEnvironment(dataDir: string, overrides: Partial<Environment> = {}): Environment {
  return {
    dataDir,
    version: '1.2.3-test',
    platform: process.platform,
    systemLanguage: 'en',
    cipher: new KeyFileCipher(path.join(dataDir, 'vault.key')),
    artifacts: builtArtifacts(),
    // Tests never read the machine's own ~/.ssh/known_hosts.
    userKnownHostsFile: undefined,
    // Never a real mail server: the VPS's own closed discard port, which refuses at once.
    smtpProbeTargets: ['127.0.0.1:9'],
    // Never the internet; tests that install pass worldStackEnvironment(world).
    stackEnvironment: UNREACHABLE_STACK_ENVIRONMENT,
    // Never a real resolver or blocklist; the DNS page's tests pass worldDnsEnvironment(world).
    dnsEnvironment: UNREACHABLE_DNS_ENVIRONMENT,
    ...overrides,
  };
}
