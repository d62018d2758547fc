import type { ErrorCode } from '../../../common/errors/error-codes.js';

export interface ResticProblem {
  code: ErrorCode;
  params: Record<string, string | number>;
  retryable: boolean;
}

/**
 * What went wrong, from restic's words (0.12 to 0.17 say these the same way; exit codes tell
 * little before 0.17). The first that matches wins, so the specific ones come first.
 */
const RULES: ReadonlyArray<{ pattern: RegExp; code: ErrorCode; retryable: boolean }> = [
  { pattern: /wrong password or no key found/i, code: 'backups.wrongPassword', retryable: false },
  {
    pattern:
      /ciphertext verification failed|Pack ID does not match|invalid data returned|data does not match|blob .* (has an )?invalid|unexpected EOF/i,
    code: 'backups.dataDamaged',
    retryable: false,
  },
  {
    pattern:
      /The specified key does not exist|NoSuchKey|not found in repository|is not found in index|pack file cannot be listed/i,
    code: 'backups.dataMissing',
    retryable: false,
  },
  {
    pattern: /Is there a repository at the following location\?|unable to open config file|config file does not exist/i,
    code: 'backups.noRepository',
    retryable: false,
  },
  { pattern: /NoSuchBucket|The specified bucket does not exist/i, code: 'backups.s3BucketMissing', retryable: false },
  {
    pattern: /InvalidAccessKeyId|access key id you provided does not exist/i,
    code: 'backups.s3WrongKey',
    retryable: false,
  },
  { pattern: /SignatureDoesNotMatch/i, code: 'backups.s3SignatureMismatch', retryable: false },
  { pattern: /RequestTimeTooSkewed/i, code: 'backups.s3ClockSkew', retryable: false },
  { pattern: /AccessDenied|Access Denied|403 Forbidden/i, code: 'backups.s3Denied', retryable: false },
  { pattern: /x509|certificate|tls:/i, code: 'backups.s3Tls', retryable: false },
  { pattern: /no such host|server misbehaving/i, code: 'backups.s3Unreachable', retryable: true },
  {
    pattern: /connection refused|i\/o timeout|dial tcp|connection reset/i,
    code: 'backups.s3Unreachable',
    retryable: true,
  },
  { pattern: /repository is already locked/i, code: 'backups.repositoryLocked', retryable: true },
  { pattern: /no space left on device/i, code: 'backups.diskFull', retryable: true },
];

export function resticProblem(output: string): ResticProblem {
  for (const rule of RULES) {
    if (rule.pattern.test(output)) return { code: rule.code, params: {}, retryable: rule.retryable };
  }
  return { code: 'backups.resticFailed', params: {}, retryable: true };
}
