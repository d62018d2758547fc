import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../../../common/errors/app-error.js';
import type * as S3ProbeModule from './s3-probe.js';

/** Replaced at bundle time by build/bundle-agent.mjs with the sha256 of s3-probe.cjs. */
declare const __MAILHARBOR_S3_PROBE_SHA256__: string | undefined;

type Probe = typeof S3ProbeModule;

/**
 * The connection test's module: in the deployed agent, s3-probe.cjs beside agent.cjs, checked
 * against the checksum the agent was built with before it is run; from the sources (tests), the
 * module itself.
 */
export async function loadS3Probe(): Promise<Probe> {
  if (typeof __MAILHARBOR_S3_PROBE_SHA256__ !== 'string') {
    const source = './s3-probe.js';
    return (await import(source)) as Probe;
  }
  const file = path.join(path.dirname(process.argv[1] ?? ''), 's3-probe.cjs');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new AppError('agent.installFailed', { detail: `${file}: ${(error as Error).message}`, retryable: true });
  }
  if (createHash('sha256').update(bytes).digest('hex') !== __MAILHARBOR_S3_PROBE_SHA256__) {
    throw new AppError('agent.installFailed', {
      detail: `${file} does not match this agent: redeploy it`,
      retryable: true,
    });
  }
  return createRequire(file)(file) as Probe;
}
