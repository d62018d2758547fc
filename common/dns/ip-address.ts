/**
 * IP address forms for comparisons and reverse names, without node:net so the DNS page can use them
 * in the browser too. Callers validate addresses first (zod's ipv4/ipv6 or net.isIP).
 */

/** The eight 16-bit groups of an IPv6 address (accepts '::' shortening and a dotted IPv4 tail). */
export function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups].map((group) => parseInt(group, 16));
}

/** One spelling per address: IPv4 as is, IPv6 fully expanded ('2001:0db8:0000:...'), for equality tests. */
export function canonicalIp(address: string): string {
  if (!address.includes(':')) return address.trim();
  return ipv6Groups(address.trim())
    .map((group) => group.toString(16).padStart(4, '0'))
    .join(':');
}

/** The PTR owner name of an address: 10.53.29.172.in-addr.arpa, or the 32 nibbles under ip6.arpa. */
export function reverseName(address: string): string {
  if (!address.includes(':')) return `${address.trim().split('.').reverse().join('.')}.in-addr.arpa`;
  const nibbles = canonicalIp(address).replace(/:/g, '').split('');
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}

function ipv4Number(address: string): number {
  return address.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
}

/** Whether `address` lies in `network` ('192.0.2.0/24', '2001:db8::/32', or a single address). */
export function ipInNetwork(address: string, network: string): boolean {
  const [base = '', prefixText] = network.split('/');
  const v6 = address.includes(':');
  if (v6 !== base.includes(':')) return false;
  const bits = v6 ? 128 : 32;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return false;
  if (!v6) {
    if (prefix === 0) return true;
    const mask = prefix === 32 ? 0xffffffff : ~(0xffffffff >>> prefix) >>> 0;
    return (ipv4Number(address) & mask) >>> 0 === (ipv4Number(base) & mask) >>> 0;
  }
  const a = ipv6Groups(address);
  const b = ipv6Groups(base);
  for (let bit = 0; bit < prefix; bit += 16) {
    const take = Math.min(16, prefix - bit);
    const mask = (0xffff << (16 - take)) & 0xffff;
    const index = bit / 16;
    if (((a[index] ?? 0) & mask) !== ((b[index] ?? 0) & mask)) return false;
  }
  return true;
}
