import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../../../common/errors/app-error.js';
import type { StackPaths } from '../stack-paths.js';
import type { StackEnvironment } from '../../../../common/stack/stack-contract.js';
import { writeOwnedFile } from './owned-files.js';

export function acmeCaBundlePath(paths: StackPaths): string {
  return path.join(paths.agentEtcDir, 'acme-ca.pem');
}

/** Every certificate of a PEM bundle must parse: certbot would otherwise fail with a TLS error far from the cause. */
function requirePemBundle(pem: string): void {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (!blocks.length) throw invalid('no PEM certificate in it');
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw invalid(`a certificate in it does not parse: ${(error as Error).message}`);
    }
  }
}

function invalid(why: string): AppError {
  return new AppError('stack.invalidOptions', {
    params: { field: 'environment.acme.caBundlePem' },
    detail: `environment.acme.caBundlePem: ${why}`,
  });
}

/**
 * When the ACME server's own TLS certificate is signed by a private CA (the test world's pebble), writes
 * that CA where certbot can read it and returns the environment that points certbot's HTTP client at it.
 * Renewals by certbot's timer do not get this variable: a private ACME server is for tests.
 */
export async function installAcmeCaBundle(
  environment: StackEnvironment,
  paths: StackPaths,
): Promise<Record<string, string>> {
  const pem = environment.acme.caBundlePem;
  if (!pem) return {};
  requirePemBundle(pem);
  const file = acmeCaBundlePath(paths);
  await writeOwnedFile(file, pem.endsWith('\n') ? pem : `${pem}\n`, 0o644);
  return { REQUESTS_CA_BUNDLE: file };
}
