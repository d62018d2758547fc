import { z } from 'zod';

/**
 * The two values of Docker's json-file log rotation as the stack's .env holds them (LOG_MAX_SIZE,
 * LOG_MAX_FILE, read by mail-stack/docker-compose.yml): one strict parser each, stricter than the
 * engine on purpose. The engine accepts "10 MiB", "1.5g" or "-1" (never rotate) and refuses some of
 * them only when a container is created, in the middle of an install; these accept the one spelling
 * env.defaults documents, so a wrong value is named before compose runs.
 */

/** The engine reads k, m and g as powers of 1000 (go-units' FromHumanSize), and so do we. */
const UNIT_BYTES = { k: 1_000, m: 1_000_000, g: 1_000_000_000 } as const;
/** Beyond a gigabyte per file, rotation no longer protects the disk of a small VPS. */
export const MAX_LOG_SIZE_BYTES = UNIT_BYTES.g;
export const MAX_LOG_FILES = 100;

const LOG_SIZE = /^([1-9][0-9]{0,3})([kmg])$/;

/** "10m" -> 10000000 bytes; undefined for anything else ("10", "10M", "0m", "1.5g", "2g"). */
export function parseLogSize(text: string): number | undefined {
  const match = LOG_SIZE.exec(text);
  if (!match) return undefined;
  const bytes = Number(match[1]) * UNIT_BYTES[match[2] as keyof typeof UNIT_BYTES];
  return bytes <= MAX_LOG_SIZE_BYTES ? bytes : undefined;
}

/** "5" -> 5; a whole number from 1 to MAX_LOG_FILES, no sign, no leading zero. */
export function parseLogFileCount(text: string): number | undefined {
  if (!/^[1-9][0-9]{0,2}$/.test(text)) return undefined;
  const count = Number(text);
  return count <= MAX_LOG_FILES ? count : undefined;
}

export const LogSizeSchema = z
  .string()
  .refine((value) => parseLogSize(value) !== undefined, 'expected a size such as 100k, 10m or 1g (at most 1g)');

export const LogFileCountSchema = z
  .string()
  .refine((value) => parseLogFileCount(value) !== undefined, `expected a whole number from 1 to ${MAX_LOG_FILES}`);
