import { z } from 'zod';
import { call } from './call-spec.js';
import { AppInfoSchema, EmptySchema, SettingsPatchSchema, SettingsSchema } from './schemas.js';

/** The app itself: what it is, its settings, and a diagnostic stream that measures the event pipeline. */
export const appCalls = {
  'app.info': call(EmptySchema, AppInfoSchema),
  'settings.get': call(EmptySchema, SettingsSchema),
  'settings.update': call(SettingsPatchSchema, SettingsSchema),
  /**
   * Streams `count` diagnostic.tick events to the caller through the event pipeline, honouring
   * backpressure. Used to check and measure the pipeline that later carries logs and progress.
   */
  'diagnostics.stream': call(
    z
      .object({
        streamId: z.string().min(1).max(64),
        count: z.number().int().min(1).max(200_000),
        payloadBytes: z.number().int().min(0).max(65_536),
      })
      .strict(),
    z.object({ sent: z.number().int() }),
  ),
} as const;

export const appEvents = {
  'settings.changed': SettingsSchema,
  'diagnostics.tick': z.object({ streamId: z.string(), index: z.number().int(), payload: z.string() }),
} as const;
