// AWS Signature Version 4 verification for the world's S3 endpoint. s3rver only checks that a V4 request
// names a known access key and never checks its signature, so a wrong secret would be accepted; real S3
// answers SignatureDoesNotMatch, and backup-credential checks must see that. Verifies header-signed and
// presigned (query) requests from their headers alone: the body is left unread for s3rver, which is how
// S3 itself treats x-amz-content-sha256 (the signed payload hash) for streaming uploads.
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export type VerifyResult =
  | { ok: true; accessKeyId: string }
  /** not a SigV4 request: leave it to s3rver (V2 signatures, which s3rver verifies itself) */
  | { ok: 'not-sigv4' }
  | {
      ok: false;
      code: 'AccessDenied' | 'InvalidAccessKeyId' | 'SignatureDoesNotMatch' | 'AuthorizationHeaderMalformed';
      message: string;
    };

const ALGORITHM = 'AWS4-HMAC-SHA256';

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function canonicalQuery(rawQuery: string, skip: string | undefined): string {
  if (rawQuery === '') return '';
  const pairs = rawQuery
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const key = safeDecode(eq < 0 ? p : p.slice(0, eq));
      const value = eq < 0 ? '' : safeDecode(p.slice(eq + 1));
      return [rfc3986(key), rfc3986(value)] as const;
    })
    .filter(([key]) => key !== skip);
  pairs.sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const raw = req.headers[name];
  if (raw === undefined) return undefined;
  return (Array.isArray(raw) ? raw.join(',') : raw).trim().replace(/\s+/g, ' ');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return crypto.createHmac('sha256', key).update(data, 'utf8').digest();
}

function sha256Hex(data: string): string {
  return crypto.createHash('sha256').update(data, 'utf8').digest('hex');
}

interface SignatureParts {
  accessKeyId: string;
  scope: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  payloadHash: string;
  skipQueryParam: string | undefined;
}

function parseHeaderAuth(req: IncomingMessage, authorization: string): SignatureParts | string {
  if (!authorization.startsWith(`${ALGORITHM} `)) return 'unsupported';
  const fields = new Map<string, string>();
  for (const part of authorization.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  const amzDate = headerValue(req, 'x-amz-date');
  const payloadHash = headerValue(req, 'x-amz-content-sha256');
  if (!credential || !signedHeaders || !signature || !amzDate)
    return 'the Authorization header or x-amz-date is incomplete';
  if (!payloadHash) return 'missing required header for this request: x-amz-content-sha256';
  return partsFrom(credential, signedHeaders, signature, amzDate, payloadHash, undefined);
}

function parseQueryAuth(params: URLSearchParams): SignatureParts | string {
  const credential = params.get('X-Amz-Credential');
  const signedHeaders = params.get('X-Amz-SignedHeaders');
  const signature = params.get('X-Amz-Signature');
  const amzDate = params.get('X-Amz-Date');
  if (params.get('X-Amz-Algorithm') !== ALGORITHM || !credential || !signedHeaders || !signature || !amzDate) {
    return 'the presigned URL lacks X-Amz-Credential, X-Amz-SignedHeaders, X-Amz-Signature or X-Amz-Date';
  }
  return partsFrom(credential, signedHeaders, signature, amzDate, 'UNSIGNED-PAYLOAD', 'X-Amz-Signature');
}

function partsFrom(
  credential: string,
  signedHeaders: string,
  signature: string,
  amzDate: string,
  payloadHash: string,
  skipQueryParam: string | undefined,
): SignatureParts | string {
  const [accessKeyId, date, region, service, terminator] = credential.split('/');
  if (!accessKeyId || !date || !region || !service || terminator !== 'aws4_request')
    return `malformed credential scope: ${credential}`;
  return {
    accessKeyId,
    scope: `${date}/${region}/${service}/aws4_request`,
    date,
    region,
    service,
    signedHeaders: signedHeaders.split(';'),
    signature,
    amzDate,
    payloadHash,
    skipQueryParam,
  };
}

/** Checks a request's SigV4 signature against the one set of credentials the world's S3 accepts. */
export function verifySigV4(req: IncomingMessage, accepted: readonly S3Credentials[]): VerifyResult {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  const params = new URLSearchParams(rawQuery);
  const authorization = req.headers.authorization;

  let parts: SignatureParts | string;
  if (authorization !== undefined) {
    if (!authorization.startsWith(ALGORITHM)) return { ok: 'not-sigv4' };
    parts = parseHeaderAuth(req, authorization);
  } else if (params.has('X-Amz-Algorithm')) {
    parts = parseQueryAuth(params);
  } else if (params.has('Signature') && params.has('AWSAccessKeyId')) {
    return { ok: 'not-sigv4' }; // presigned V2
  } else {
    return { ok: false, code: 'AccessDenied', message: 'Access Denied (anonymous requests are not allowed)' };
  }
  if (typeof parts === 'string') return { ok: false, code: 'AuthorizationHeaderMalformed', message: parts };

  const credentials = accepted.find((c) => c.accessKeyId === parts.accessKeyId);
  if (!credentials) {
    return {
      ok: false,
      code: 'InvalidAccessKeyId',
      message: 'The AWS Access Key Id you provided does not exist in our records.',
    };
  }

  const canonicalHeaders = parts.signedHeaders.map((name) => `${name}:${headerValue(req, name) ?? ''}\n`).join('');
  const canonicalRequest = [
    req.method ?? 'GET',
    rawPath === '' ? '/' : rawPath,
    canonicalQuery(rawQuery, parts.skipQueryParam),
    canonicalHeaders,
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n');
  const stringToSign = [ALGORITHM, parts.amzDate, parts.scope, sha256Hex(canonicalRequest)].join('\n');
  const kDate = hmac(`AWS4${credentials.secretAccessKey}`, parts.date);
  const signingKey = hmac(hmac(hmac(kDate, parts.region), parts.service), 'aws4_request');
  const expected = Buffer.from(hmac(signingKey, stringToSign).toString('hex'));
  const provided = Buffer.from(parts.signature);
  if (expected.length !== provided.length || !crypto.timingSafeEqual(expected, provided)) {
    return {
      ok: false,
      code: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    };
  }
  return { ok: true, accessKeyId: credentials.accessKeyId };
}

/** The world's read-only key pair, derived from its main one so both sides find it without a file. */
export function readOnlyCredentials(main: S3Credentials): S3Credentials {
  const digest = crypto.createHash('sha256').update(`read-only ${main.secretAccessKey}`).digest('hex');
  return { accessKeyId: `AKIAREADONLY${main.accessKeyId.slice(-8)}`, secretAccessKey: digest.slice(0, 40) };
}
