import type { TFunction } from 'i18next';
import { ERROR_CODES, toAppErrorData, type ErrorCode } from '../../../electron/contract/errors';

export interface ErrorDescription {
  code: ErrorCode;
  /** What happened, in plain words. */
  title: string;
  /** What the user can do about it. */
  next: string;
  /** For a bug report; shown folded away. */
  detail: string | undefined;
  retryable: boolean;
}

/** Turns anything a call threw into the words the error notice shows, in the current language. */
export function describeError(error: unknown, t: TFunction): ErrorDescription {
  const data = toAppErrorData(error);
  const code = (ERROR_CODES as readonly string[]).includes(data.code) ? (data.code as ErrorCode) : 'internal';
  const params = data.params ?? {};
  return {
    code,
    title: t(`errors.${code}.title`, params),
    next: t(`errors.${code}.next`, params),
    detail: data.detail,
    retryable: data.retryable,
  };
}
