import type { AppInfo } from '../../contract/schemas.js';
import type { EventHub } from '../../rpc/event-hub.js';
import type { Handlers } from '../../rpc/dispatch.js';
import type { SettingsStore } from './settings-store.js';

type AppCalls = Pick<Handlers, 'app.info' | 'settings.get' | 'settings.update' | 'diagnostics.stream'>;

/** The app itself: what it is, its settings (every window hears a change), and the pipeline diagnostic. */
export function createAppHandlers(info: AppInfo, settings: SettingsStore, hub: EventHub): AppCalls {
  return {
    'app.info': async () => info,
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
