// The world's certificate authority. Made once with openssl and kept by `down`, so VPSes, the registry
// and other pieces (ACME, S3) can share one trust anchor. Certificates it issues are cached per name and
// reissued only when their names change or they are close to expiry.
import fs from 'node:fs';
import path from 'node:path';
import { run } from './run.js';

export interface CaPaths {
  certPath: string;
  keyPath: string;
}

export interface IssuedCert {
  /** Leaf certificate only. */
  certPath: string;
  keyPath: string;
  /** Leaf + CA, what TLS servers usually want (fullchain.pem). */
  fullchainPath: string;
  caPath: string;
}

/** What a new certificate request says: where its new key goes, its subject, and any extensions. */
export interface CertificateRequest {
  keyPath: string;
  /** openssl's -subj, e.g. /CN=mail.example.test */
  subject: string;
  /** openssl's -addext values, e.g. subjectAltName=DNS:mail.example.test */
  extensions?: readonly string[];
}

/** Every key here is an unencrypted P-256 one: small, fast to make, and what TLS servers all accept. */
function newKeyArgs({ keyPath, subject, extensions = [] }: CertificateRequest): string[] {
  return [
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyPath,
    '-subj',
    subject,
    ...extensions.flatMap((extension) => ['-addext', extension]),
  ];
}

/** openssl arguments for a new key and a certificate it signs itself, valid `days` days from now. */
export function selfSignedArgs(request: CertificateRequest & { certPath: string; days: number }): string[] {
  return ['req', '-x509', ...newKeyArgs(request), '-out', request.certPath, '-days', String(request.days)];
}

/** openssl arguments for a new key and a signing request for it, for a CA to sign. */
export function signingRequestArgs(request: CertificateRequest & { csrPath: string }): string[] {
  return ['req', '-new', ...newKeyArgs(request), '-out', request.csrPath];
}

export function caPaths(stateDir: string): CaPaths {
  const dir = path.join(stateDir, 'ca');
  return { certPath: path.join(dir, 'ca.crt'), keyPath: path.join(dir, 'ca.key') };
}

async function isValidFor(certPath: string, seconds: number): Promise<boolean> {
  if (!fs.existsSync(certPath)) return false;
  const r = await run('openssl', ['x509', '-checkend', String(seconds), '-noout', '-in', certPath], {
    allowFailure: true,
    timeoutMs: 10_000,
  });
  return r.code === 0;
}

export async function ensureWorldCa(stateDir: string): Promise<CaPaths> {
  const paths = caPaths(stateDir);
  if (fs.existsSync(paths.keyPath) && (await isValidFor(paths.certPath, 30 * 86400))) return paths;
  fs.mkdirSync(path.dirname(paths.certPath), { recursive: true, mode: 0o700 });
  await run(
    'openssl',
    selfSignedArgs({
      keyPath: paths.keyPath,
      certPath: paths.certPath,
      days: 3650,
      subject: '/O=Mailharbor test world/CN=Mailharbor World CA',
      extensions: ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign'],
    }),
    { timeoutMs: 30_000 },
  );
  fs.chmodSync(paths.keyPath, 0o600);
  return paths;
}

function checkName(name: string): void {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) throw new Error(`bad certificate name: ${name}`);
}

/**
 * Issues (or reuses) a server certificate signed by the world CA.
 * @param name  a file-safe label, e.g. 'registry'; files go to <stateDir>/certs/<name>/
 */
export async function issueCert(
  stateDir: string,
  name: string,
  dnsNames: readonly string[],
  ips: readonly string[] = [],
): Promise<IssuedCert> {
  checkName(name);
  if (dnsNames.length + ips.length === 0) throw new Error('issueCert needs at least one name or IP');
  const ca = await ensureWorldCa(stateDir);
  const dir = path.join(stateDir, 'certs', name);
  const out: IssuedCert = {
    certPath: path.join(dir, 'cert.pem'),
    keyPath: path.join(dir, 'privkey.pem'),
    fullchainPath: path.join(dir, 'fullchain.pem'),
    caPath: ca.certPath,
  };
  const san = [...dnsNames.map((d) => `DNS:${d}`), ...ips.map((ip) => `IP:${ip}`)].join(',');
  const sanFile = path.join(dir, 'san.txt');
  const caFingerprint = fs.statSync(ca.certPath).mtimeMs.toString();
  const stamp = `${san}\n${caFingerprint}`;
  if (
    fs.existsSync(out.keyPath) &&
    fs.existsSync(out.fullchainPath) &&
    fs.existsSync(sanFile) &&
    fs.readFileSync(sanFile, 'utf8') === stamp &&
    (await isValidFor(out.certPath, 7 * 86400))
  ) {
    return out;
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const csr = path.join(dir, 'req.csr');
  const ext = path.join(dir, 'ext.cnf');
  fs.writeFileSync(
    ext,
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth,clientAuth',
      `subjectAltName=${san}`,
      '',
    ].join('\n'),
  );
  await run(
    'openssl',
    signingRequestArgs({ keyPath: out.keyPath, csrPath: csr, subject: `/CN=${dnsNames[0] ?? ips[0]}` }),
    {
      timeoutMs: 30_000,
    },
  );
  await run(
    'openssl',
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      ca.certPath,
      '-CAkey',
      ca.keyPath,
      '-CAcreateserial',
      '-out',
      out.certPath,
      '-days',
      '825',
      '-extfile',
      ext,
    ],
    { timeoutMs: 30_000 },
  );
  fs.chmodSync(out.keyPath, 0o600);
  fs.writeFileSync(out.fullchainPath, fs.readFileSync(out.certPath, 'utf8') + fs.readFileSync(ca.certPath, 'utf8'));
  fs.writeFileSync(sanFile, stamp);
  fs.rmSync(csr, { force: true });
  return out;
}
