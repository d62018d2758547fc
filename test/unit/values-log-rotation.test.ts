// The parsers of the stack's log rotation keys (common/values/log-rotation.ts) and the agent's check
// of them in .env (remote-agent/src/stack/env/env-value-checks.ts).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors/app-error.js';
import {
  LogFileCountSchema,
  LogSizeSchema,
  parseLogFileCount,
  parseLogSize,
} from '../../common/values/log-rotation.js';
import { checkEnvValues } from '../../remote-agent/src/stack/env/env-value-checks.js';

describe('parseLogSize', () => {
  it('reads a whole number with k, m or g as the engine does (powers of 1000)', () => {
    expect(parseLogSize('100k')).toBe(100_000);
    expect(parseLogSize('10m')).toBe(10_000_000);
    expect(parseLogSize('1g')).toBe(1_000_000_000);
    expect(parseLogSize('1000m')).toBe(1_000_000_000);
  });

  it('refuses every other spelling, zero, and more than a gigabyte', () => {
    for (const text of [
      '',
      '10',
      'm',
      '0m',
      '010m',
      '10M',
      '10mb',
      '10 m',
      ' 10m',
      '1.5g',
      '-1',
      '2g',
      '1001m',
      '10000k',
    ])
      expect(parseLogSize(text), text).toBeUndefined();
  });
});

describe('parseLogFileCount', () => {
  it('reads a whole number from 1 to 100', () => {
    expect(parseLogFileCount('1')).toBe(1);
    expect(parseLogFileCount('5')).toBe(5);
    expect(parseLogFileCount('100')).toBe(100);
  });

  it('refuses zero, above 100, signs, leading zeros and anything not a number', () => {
    for (const text of ['', '0', '101', '05', '+5', '-1', '5.0', '1e2', ' 5', 'five'])
      expect(parseLogFileCount(text), text).toBeUndefined();
  });
});

describe('the schemas', () => {
  it('say what is expected', () => {
    expect(LogSizeSchema.safeParse('10m').success).toBe(true);
    expect(LogSizeSchema.safeParse('10MB').error?.issues[0]?.message).toMatch(/100k, 10m or 1g/);
    expect(LogFileCountSchema.safeParse('0').error?.issues[0]?.message).toMatch(/1 to 100/);
  });
});

describe('checkEnvValues', () => {
  const check = (values: Record<string, string>) => () => checkEnvValues((key) => values[key]);

  it('lets good, empty and missing values pass', () => {
    expect(check({ LOG_MAX_SIZE: '10m', LOG_MAX_FILE: '5' })).not.toThrow();
    expect(check({ LOG_MAX_SIZE: '', LOG_MAX_FILE: '' })).not.toThrow();
    expect(check({})).not.toThrow();
  });

  it('names the key, an example and the reason of a value compose would hand to the engine', () => {
    let error: unknown;
    try {
      check({ LOG_MAX_SIZE: '10m', LOG_MAX_FILE: '0' })();
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('stack.envValueInvalid');
    expect((error as AppError).params).toEqual({ key: 'LOG_MAX_FILE', example: '5' });
    expect((error as AppError).detail).toMatch(/^LOG_MAX_FILE=0 in \.env: expected a whole number from 1 to 100$/);
    expect(check({ LOG_MAX_SIZE: '10 MiB' })).toThrow(/LOG_MAX_SIZE=10 MiB/);
  });
});
