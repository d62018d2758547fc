import { AppError, ErrorDataSchema, toErrorData, type ErrorData } from '../../../common/errors/app-error';

/** The error value behind anything thrown or received: an AppError, or plain error data in a job event. */
export function errorDataOf(error: unknown): ErrorData {
  if (error instanceof AppError) return error.toData();
  const plain = ErrorDataSchema.safeParse(error);
  if (plain.success) return plain.data;
  return toErrorData(error);
}

/** The code of an error, as it came (including codes this version has no words for). */
export function errorCodeOf(error: unknown): string {
  return errorDataOf(error).code;
}
