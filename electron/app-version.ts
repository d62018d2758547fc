/** Replaced at build time from package.json; the fallback serves tests that run the sources directly. */
declare const __MAILHARBOR_VERSION__: string | undefined;

export const APP_VERSION: string = typeof __MAILHARBOR_VERSION__ === 'string' ? __MAILHARBOR_VERSION__ : '0.0.0-dev';

/** The Node version of the runtime uploaded to servers (package.json "mailharbor.agentRuntimeNode"). */
declare const __MAILHARBOR_AGENT_NODE__: string | undefined;

export const AGENT_RUNTIME_NODE_VERSION: string =
  typeof __MAILHARBOR_AGENT_NODE__ === 'string' ? __MAILHARBOR_AGENT_NODE__ : 'unknown';
