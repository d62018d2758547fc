import type { z } from 'zod';
import { AppError } from '../../../../common/errors/app-error.js';
import { LogFileCountSchema, LogSizeSchema } from '../../../../common/values/log-rotation.js';

/**
 * .env keys whose value compose hands on to the engine as it is: a wrong one is accepted by
 * `compose config` and refused only when a container is created, halfway through `up`, with the
 * engine's words. Held to their parser whenever an install reads or writes the file, so the user
 * is told which key to correct before anything starts. Empty is fine: compose then takes the
 * compose file's `${KEY:-default}`.
 */
const CHECKED_VALUES: Record<string, { schema: z.ZodType<string>; example: string }> = {
  LOG_MAX_SIZE: { schema: LogSizeSchema, example: '10m' },
  LOG_MAX_FILE: { schema: LogFileCountSchema, example: '5' },
};

export const CHECKED_ENV_KEYS = Object.keys(CHECKED_VALUES);

/** Throws stack.envValueInvalid for the first checked key whose value its parser refuses. */
export function checkEnvValues(get: (key: string) => string | undefined): void {
  for (const [key, { schema, example }] of Object.entries(CHECKED_VALUES)) {
    const value = get(key);
    if (value === undefined || value === '') continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) continue;
    throw new AppError('stack.envValueInvalid', {
      params: { key, example },
      detail: `${key}=${value} in .env: ${parsed.error.issues[0]?.message ?? 'not accepted'}`,
    });
  }
}
