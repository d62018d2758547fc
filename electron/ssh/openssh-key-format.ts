// OpenSSH's own file formats for an ed25519 key pair: the `ssh-ed25519 AAAA… comment` public line and
// the unencrypted "openssh-key-v1" private key file (OpenSSH's PROTOCOL.key). The raw key bytes come
// from Node's crypto, which always gives 32-byte keys: ssh2's own generator drops a leading zero byte
// from about one public key in 256, and such a key is refused by ssh2 and by OpenSSH alike.

const ED25519 = 'ssh-ed25519';
const MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');
/** The cipher "none" pads the private section to a multiple of 8 bytes. */
const BLOCK_SIZE = 8;
const PEM_LINE = 70;

export interface Ed25519RawKey {
  /** The 32-byte public key. */
  publicKey: Buffer;
  /** The 32-byte private seed. */
  seed: Buffer;
}

/** The SSH wire blob of the public key: string "ssh-ed25519", string key. Its SHA256 is the fingerprint. */
export function ed25519PublicBlob(publicKey: Buffer): Buffer {
  assertLength(publicKey, 'public key');
  return Buffer.concat([sshString(ED25519), sshString(publicKey)]);
}

/** The one line authorized_keys and cloud-init take. */
export function ed25519PublicLine(publicKey: Buffer, comment: string): string {
  assertComment(comment);
  return `${ED25519} ${ed25519PublicBlob(publicKey).toString('base64')} ${comment}`;
}

/** The private key file, unencrypted, as `ssh-keygen -t ed25519 -N ''` writes it. */
export function ed25519PrivateFile(key: Ed25519RawKey, comment: string, checkInt: number): string {
  assertLength(key.publicKey, 'public key');
  assertLength(key.seed, 'private seed');
  assertComment(comment);
  const check = Buffer.alloc(4);
  check.writeUInt32BE(checkInt >>> 0);
  const section = Buffer.concat([
    check,
    check,
    sshString(ED25519),
    sshString(key.publicKey),
    // OpenSSH stores the seed followed by the public key (the NaCl secret key layout).
    sshString(Buffer.concat([key.seed, key.publicKey])),
    sshString(comment),
  ]);
  const padding = Buffer.from(
    Array.from({ length: (BLOCK_SIZE - (section.length % BLOCK_SIZE)) % BLOCK_SIZE }, (_, index) => index + 1),
  );
  const body = Buffer.concat([
    MAGIC,
    sshString('none'),
    sshString('none'),
    sshString(Buffer.alloc(0)),
    uint32(1),
    sshString(ed25519PublicBlob(key.publicKey)),
    sshString(Buffer.concat([section, padding])),
  ]);
  const base64 = body.toString('base64');
  const lines = base64.match(new RegExp(`.{1,${PEM_LINE}}`, 'g')) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

function sshString(value: string | Buffer): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return Buffer.concat([uint32(bytes.length), bytes]);
}

function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return out;
}

function assertLength(bytes: Buffer, what: string): void {
  if (bytes.length !== 32) throw new Error(`an ed25519 ${what} has 32 bytes, this one has ${bytes.length}`);
}

/** A comment ends the public line: a line break or control character in it would split the line. */
function assertComment(comment: string): void {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(comment))
    throw new Error('a key comment cannot hold line breaks or control characters');
}
