import type { TFunction } from 'i18next';
import { ERROR_CODES, type ErrorCode } from '../../../common/errors/error-codes';
import { errorDataOf } from './error-data';

/** Every code the interface has words for (ERROR_CODES, from every side: main, the agent, its jobs). */
export type DescribedCode = ErrorCode;
const DESCRIBED_CODES: ReadonlySet<string> = new Set<string>([...ERROR_CODES]);

export interface ErrorDescription {
  code: DescribedCode;
  /** What happened, in plain words. */
  title: string;
  /** What the user can do about it. */
  next: string;
  /** For a bug report; shown folded away. */
  detail: string | undefined;
  retryable: boolean;
}

/** Turns anything a call threw (or a job reported) into the words the error notice shows, in the current language. */
export function describeError(error: unknown, t: TFunction): ErrorDescription {
  const data = errorDataOf(error);
  const code = DESCRIBED_CODES.has(data.code) ? (data.code as DescribedCode) : 'internal';
  const params = data.params ?? {};
  return {
    code,
    title: t(`errors.${code}.title`, params),
    next: t(`errors.${code}.next`, params),
    detail: code === data.code ? data.detail : [data.code, data.detail].filter(Boolean).join(': '),
    retryable: data.retryable,
  };
}
