/** The nameservers of a resolv.conf(5), in order. */
export function parseNameservers(text: string): string[] {
  const servers: string[] = [];
  for (const line of text.split('\n').slice(0, 1_000)) {
    const match = /^\s*nameserver\s+(\S+)/.exec(line);
    if (match) servers.push(match[1]!);
  }
  return servers;
}

export function sameNameservers(found: string[], wanted: string[]): boolean {
  return found.length === wanted.length && found.every((server, index) => server === wanted[index]);
}

/**
 * A resolv.conf with exactly `nameservers`. The old file's search, domain and options lines
 * are kept: the provider's search domain and resolver options are not ours to drop, only the
 * servers are the user's choice.
 */
export function renderResolvConf(old: string, nameservers: string[]): string {
  const kept = old
    .split('\n')
    .slice(0, 1_000)
    .filter((line) => /^\s*(search|domain|options)\s/.test(line));
  return [
    '# Written by Mailharbor: the nameservers chosen at install.',
    '# The file as it was before is kept as resolv.conf.mailharbor-backup.',
    ...nameservers.map((server) => `nameserver ${server}`),
    ...kept,
    '',
  ].join('\n');
}

/**
 * systemd-resolved's drop-in. `Domains=~.` makes these servers the route for every name, so the
 * per-link servers from DHCP no longer answer in their place.
 */
export function renderResolvedDropIn(nameservers: string[]): string {
  return [
    '# Written by Mailharbor: the nameservers chosen at install.',
    '[Resolve]',
    `DNS=${nameservers.join(' ')}`,
    'Domains=~.',
    '',
  ].join('\n');
}
