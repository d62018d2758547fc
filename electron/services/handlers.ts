import type { AppInfo, Language } from '../contract/schemas.js';
import type { EventHub } from '../rpc/event-hub.js';
import type { Handlers } from '../rpc/dispatch.js';
import { SettingsStore } from './settings-store.js';

/** What differs between the Electron app and web mode; everything else is shared. */
export interface Environment {
  dataDir: string;
  version: string;
  platform: NodeJS.Platform;
  systemLanguage: Language;
}

export function createHandlers(environment: Environment, hub: EventHub): Handlers {
  const settings = new SettingsStore(environment.dataDir);
  const platform: AppInfo['platform'] = ['darwin', 'win32', 'linux'].includes(environment.platform)
    ? (environment.platform as AppInfo['platform'])
    : 'other';

  return {
    'app.info': async () => ({
      name: 'Mailharbor',
      version: environment.version,
      platform,
      systemLanguage: environment.systemLanguage,
    }),
    'settings.get': async () => settings.get(),
    'settings.update': async (patch) => {
      const next = await settings.update(patch);
      hub.broadcast('settings.changed', next);
      return next;
    },
    'diagnostics.stream': async ({ streamId, count, payloadBytes }, { events }) => {
      const payload = 'x'.repeat(payloadBytes);
      let sent = 0;
      for (let index = 0; index < count && !events.isClosed; index++) {
        await events.emit('diagnostics.tick', { streamId, index, payload });
        sent++;
      }
      return { sent };
    },
  };
}
