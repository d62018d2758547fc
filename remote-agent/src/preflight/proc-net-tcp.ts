/** A listening TCP socket from /proc/net/tcp or /proc/net/tcp6. */
export interface ListeningSocket {
  address: string;
  port: number;
  inode: number;
}

const LISTEN = '0A';
const MAX_LINES = 100_000;

/**
 * Parses /proc/net/tcp{,6} and keeps the sockets in state LISTEN. Addresses are hex in the
 * kernel's byte order: IPv4 is one little-endian 32-bit word, IPv6 four of them; ports are
 * big-endian hex. See proc(5).
 */
export function parseProcNetTcp(text: string): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  const lines = text.split('\n');
  for (const line of lines.slice(1, MAX_LINES)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10) continue;
    const [local, , state] = [fields[1]!, fields[2]!, fields[3]!];
    if (state !== LISTEN) continue;
    const [hexAddress, hexPort] = local.split(':');
    const inode = Number(fields[9]);
    if (!hexAddress || !hexPort || !Number.isInteger(inode)) continue;
    const address = decodeAddress(hexAddress);
    if (address === null) continue;
    sockets.push({ address, port: Number.parseInt(hexPort, 16), inode });
  }
  return sockets;
}

function decodeAddress(hex: string): string | null {
  if (!/^[0-9A-Fa-f]+$/.test(hex)) return null;
  if (hex.length === 8) return littleEndianWord(hex).join('.');
  if (hex.length !== 32) return null;
  const bytes = [0, 8, 16, 24].flatMap((offset) => littleEndianWord(hex.slice(offset, offset + 8)));
  const groups: string[] = [];
  for (let index = 0; index < 16; index += 2) groups.push(((bytes[index]! << 8) | bytes[index + 1]!).toString(16));
  return compressIpv6(groups);
}

function littleEndianWord(hex: string): number[] {
  const bytes = [0, 2, 4, 6].map((offset) => Number.parseInt(hex.slice(offset, offset + 2), 16));
  return bytes.reverse();
}

/** The longest run of zero groups (two or more) becomes "::", as in RFC 5952. */
function compressIpv6(groups: string[]): string {
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < groups.length;) {
    if (groups[start] !== '0') {
      start++;
      continue;
    }
    let end = start;
    while (end < groups.length && groups[end] === '0') end++;
    if (end - start > bestLength) [bestStart, bestLength] = [start, end - start];
    start = end;
  }
  if (bestLength < 2) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLength).join(':')}`;
}
