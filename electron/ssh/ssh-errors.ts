import { AppError } from '../../common/errors/app-error.js';
import type { SshAuthMethod, SshTarget } from './target.js';

/**
 * Turns what ssh2 and the network report into one plain error each: the user learns whether the
 * name is wrong, the server said no, nothing answered, or the login was refused (and for which
 * method), instead of one generic "connection failed".
 */
export function sshErrorFrom(error: unknown, target: SshTarget, method: SshAuthMethod): AppError {
  if (error instanceof AppError) return error;
  const { code, level, message } = error as { code?: string; level?: string; message?: string };
  const where = { host: target.host, port: target.port };
  const detail = message ?? String(error);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new AppError('ssh.hostNotFound', { params: where, detail, retryable: true });
    case 'ECONNREFUSED':
      return new AppError('ssh.refused', { params: where, detail, retryable: true });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new AppError('ssh.unreachable', { params: where, detail, retryable: true });
    case 'ETIMEDOUT':
      return new AppError('ssh.timeout', { params: where, detail, retryable: true });
    case 'ECONNRESET':
    case 'EPIPE':
      return new AppError('ssh.disconnected', { params: where, detail, retryable: true });
  }
  if (level === 'client-timeout' || /timed out/i.test(detail)) {
    return new AppError('ssh.timeout', { params: where, detail, retryable: true });
  }
  if (level === 'client-authentication') {
    return new AppError('ssh.authFailed', {
      params: { ...where, username: target.username, method },
      detail,
      retryable: true,
    });
  }
  return new AppError('ssh.disconnected', { params: where, detail, retryable: true });
}
