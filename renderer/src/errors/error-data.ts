import { AppError, AppErrorDataSchema, toAppErrorData, type AppErrorData } from '../../../common/errors/app-error';

/**
 * An error from main whose code this contract does not list, such as the agent's own codes
 * (jobs.lockHeld). It keeps the code as it came, so the words for it can still be found.
 */
export class RemoteError extends Error {
  constructor(readonly data: AppErrorData) {
    super(data.detail ? `${data.code}: ${data.detail}` : data.code);
    this.name = 'RemoteError';
  }
}

/** The error value behind anything thrown or received: an AppError, a RemoteError, or plain error data in a job event. */
export function errorDataOf(error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData();
  if (error instanceof RemoteError) return error.data;
  const plain = AppErrorDataSchema.safeParse(error);
  if (plain.success) return plain.data;
  return toAppErrorData(error);
}

/** The code of an error, as it came (including codes this version has no words for). */
export function errorCodeOf(error: unknown): string {
  return errorDataOf(error).code;
}
