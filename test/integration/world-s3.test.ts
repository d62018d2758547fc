// Smoke test of the world's S3 endpoint (s3rver behind real SigV4 checks): objects go in and come back on
// both addresses, a 12 MB upload goes through multipart, and wrong or missing credentials are refused the
// way AWS refuses them.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import { promisify } from 'node:util';
import {
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { afterAll, describe, expect, test } from 'vitest';
import { worldForTests } from '../world/world-inject.js';
import { pieceState } from '../world/pieces/shared/piece-state.js';
import type { S3State } from '../world/pieces/s3.js';
import type { S3Credentials } from '../world/pieces/s3/sigv4-verify.js';

// The global setup's world, else world.json; throws when the world is not up, so this file fails, never skips.
const world = worldForTests();
const s3 = pieceState<S3State>(world, 's3');
const run = promisify(execFile);
const runId = `${Date.now()}-${crypto.randomBytes(3).toString('hex')}`;
const clients: S3Client[] = [];

function client(credentials: S3Credentials, endpoint = s3.endpoint): S3Client {
  // no retries: a refused credential must surface at once, and the world never drops requests
  const c = new S3Client({
    endpoint,
    region: s3.region,
    forcePathStyle: s3.forcePathStyle,
    credentials,
    maxAttempts: 1,
  });
  clients.push(c);
  return c;
}

afterAll(() => {
  for (const c of clients) c.destroy();
});

describe('the world S3 endpoint', () => {
  test('the state gives both endpoints, a bucket and credentials', () => {
    expect(s3.endpoint).toBe('http://127.0.0.1:4568');
    expect(s3.gatewayEndpoint).toBe(`http://${world.gateway}:4568`);
    expect(s3.bucket).toBe('mailharbor-backups');
    expect(s3.credentials.accessKeyId).toMatch(/^[A-Z0-9]{20}$/);
  });

  test('an object put on loopback comes back from the gateway address, and is listed', async () => {
    const key = `smoke/${runId}/hello world+1.txt`;
    await client(s3.credentials).send(
      new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: 'backup bytes', ContentType: 'text/plain' }),
    );
    const got = await client(s3.credentials, s3.gatewayEndpoint ?? s3.endpoint).send(
      new GetObjectCommand({ Bucket: s3.bucket, Key: key }),
    );
    expect(await got.Body?.transformToString()).toBe('backup bytes');
    const listed = await client(s3.credentials).send(
      new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `smoke/${runId}/` }),
    );
    expect(listed.Contents?.map((o) => o.Key)).toEqual([key]);
  });

  test('a 12 MB upload goes through multipart (5 MB parts) and comes back identical', async () => {
    const body = crypto.randomBytes(12 * 1024 * 1024);
    const key = `smoke/${runId}/big.bin`;
    const parts: number[] = [];
    const upload = new Upload({
      client: client(s3.credentials),
      params: { Bucket: s3.bucket, Key: key, Body: body },
      partSize: 5 * 1024 * 1024,
      queueSize: 2,
    });
    upload.on('httpUploadProgress', (p) => {
      if (p.part !== undefined) parts.push(p.part);
    });
    await upload.done();
    expect(new Set(parts).size).toBe(3);
    const got = await client(s3.credentials).send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    const back = Buffer.from((await got.Body?.transformToByteArray()) ?? []);
    expect(back.length).toBe(body.length);
    expect(crypto.createHash('sha256').update(back).digest('hex')).toBe(
      crypto.createHash('sha256').update(body).digest('hex'),
    );
  }, 60_000);

  test.each([
    ['unknownKey', 'InvalidAccessKeyId'],
    ['s3rverDefault', 'InvalidAccessKeyId'],
    ['wrongSecret', 'SignatureDoesNotMatch'],
  ] as const)('wrong credentials (%s) are refused with %s', async (which, code) => {
    const bad = client(s3.wrongCredentials[which]);
    const put = bad.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `smoke/${runId}/refused`, Body: 'x' }));
    await expect(put).rejects.toMatchObject({ name: code, $metadata: { httpStatusCode: 403 } });
    await expect(bad.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).rejects.toMatchObject({ name: code });
    // HEAD answers have no body, so only the status tells (as with AWS)
    await expect(bad.send(new HeadBucketCommand({ Bucket: s3.bucket }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 403 },
    });
  });

  test('the HTTPS endpoint (world CA) works for the SDK on the host and for curl in a VPS', async () => {
    const ca = fs.readFileSync(s3.caPath);
    const tlsClient = new S3Client({
      endpoint: s3.httpsEndpoint,
      region: s3.region,
      forcePathStyle: true,
      credentials: s3.credentials,
      maxAttempts: 1,
      requestHandler: { httpsAgent: new https.Agent({ ca }) },
    });
    clients.push(tlsClient);
    const key = `smoke/${runId}/over-tls.txt`;
    await tlsClient.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: 'tls bytes' }));
    const got = await tlsClient.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    expect(await got.Body?.transformToString()).toBe('tls bytes');
    const vps = world.vps.vps1;
    if (!vps || !s3.httpsGatewayEndpoint) throw new Error('world has no vps1 or no gateway https endpoint');
    // the VPS trusts the world CA system-wide: a verified TLS handshake, then S3's refusal of an anonymous GET
    const { stdout } = await run(
      'docker',
      ['exec', vps.container, 'curl', '-sS', '--max-time', '5', `${s3.httpsGatewayEndpoint}/${s3.bucket}/`],
      {
        timeout: 20_000,
      },
    );
    expect(stdout).toContain('<Code>AccessDenied</Code>');
  });

  test('anonymous requests are refused', async () => {
    const res = await fetch(`${s3.endpoint}/${s3.bucket}/`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>AccessDenied</Code>');
  });
});
