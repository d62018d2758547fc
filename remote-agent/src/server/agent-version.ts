/** Replaced at bundle time by build/bundle-agent.mjs with the app's version. */
declare const __MAILHARBOR_AGENT_VERSION__: string | undefined;

export const AGENT_VERSION: string =
  typeof __MAILHARBOR_AGENT_VERSION__ === 'string' ? __MAILHARBOR_AGENT_VERSION__ : '0.0.0-dev';
