// The world's S3 endpoint: one s3rver (one data directory) answering on every --listen address, with
// s3rver's built-in S3RVER/S3RVER key revoked, the world's own key pair installed, SigV4 signatures really
// verified (sigv4-verify.ts) and anonymous requests refused, as a private bucket on real S3 would.
//
// Run: tsx s3-server.ts --data DIR --port N --listen 127.0.0.1 --listen 172.29.53.1 --credentials FILE --bucket NAME
//      [--tls-port N --tls-cert FILE --tls-key FILE]
import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import { parseArgs } from 'node:util';
import S3rver from 's3rver';
// s3rver's account registry: the only place its accepted access keys live
import AWSAccount from 's3rver/lib/models/account.js';
import { closeOnSignals, describeListeners, listenEverywhere } from '../shared/http-listeners.js';
import { LISTEN_OPTIONS, listenSpecOf } from '../shared/listen-args.js';
import { readOnlyCredentials, verifySigV4 } from './sigv4-verify.js';
import type { S3Credentials } from './sigv4-verify.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    ...LISTEN_OPTIONS,
    credentials: { type: 'string' },
    bucket: { type: 'string', multiple: true },
  },
  strict: true,
});
const spec = listenSpecOf(values);
if (!values.data || !values.credentials || !spec) {
  console.error(
    'usage: s3-server.ts --data DIR --port N --listen ADDR [--listen ADDR] --credentials FILE --bucket NAME',
  );
  process.exit(2);
}

const credentials = JSON.parse(fs.readFileSync(values.credentials, 'utf8')) as S3Credentials;
/** A key that may read and list but not write or delete: a bucket policy's refusal, for tests of it. */
const readOnly = readOnlyCredentials(credentials);
interface S3rverAccount {
  createKeyPair(accessKeyId: string, secretAccessKey: string): void;
  revokeAccessKey(accessKeyId: string): void;
}
const account = (AWSAccount as { DUMMY_ACCOUNT: S3rverAccount }).DUMMY_ACCOUNT;
account.revokeAccessKey('S3RVER'); // the well-known default must fail like any wrong key
account.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);
account.createKeyPair(readOnly.accessKeyId, readOnly.secretAccessKey);

const s3rver = new S3rver({
  directory: values.data,
  configureBuckets: (values.bucket ?? []).map((name) => ({ name })),
  silent: false,
});
await s3rver.configureBuckets();
const s3Handler = s3rver.callback();

function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const handler: http.RequestListener = (req, res) => {
  let verdict = verifySigV4(req, [credentials, readOnly]);
  if (
    verdict.ok === true &&
    verdict.accessKeyId === readOnly.accessKeyId &&
    !['GET', 'HEAD'].includes(req.method ?? '')
  ) {
    verdict = { ok: false, code: 'AccessDenied', message: 'Access Denied (this key may only read)' };
  }
  if (verdict.ok === false) {
    const requestId = crypto.randomBytes(8).toString('hex').toUpperCase();
    console.log(`refused ${req.method} ${req.url}: ${verdict.code}`);
    res.writeHead(403, { 'content-type': 'application/xml', 'x-amz-request-id': requestId });
    // HEAD answers carry no body; the SDK then names the error after the status
    res.end(
      req.method === 'HEAD'
        ? undefined
        : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${verdict.code}</Code><Message>${xmlEscape(verdict.message)}</Message><RequestId>${requestId}</RequestId></Error>`,
    );
    req.resume(); // drain an upload we refuse, so the client sees the answer instead of a reset
    return;
  }
  void s3Handler(req, res);
};

closeOnSignals(await listenEverywhere(handler, spec));
console.log(`s3 on ${describeListeners(spec)}, data ${values.data}, buckets ${(values.bucket ?? []).join(', ')}`);
