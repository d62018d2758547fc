/**
 * The VPS providers whose help the DNS page knows (the words are the renderer's: features/dns/
 * provider-help.*.ts): their names, how to recognise their servers from the reverse names they give
 * them, and the placeholders that fill the help texts with the server's own values.
 */

export type ProviderId = 'hetzner' | 'digitalocean' | 'vultr' | 'linode' | 'ovh' | 'scaleway' | 'contabo' | 'aws';

export const VPS_PROVIDERS: Record<ProviderId, { name: string; ptrSuffixes: string[] }> = {
  hetzner: { name: 'Hetzner', ptrSuffixes: ['your-server.de'] },
  digitalocean: { name: 'DigitalOcean', ptrSuffixes: [] },
  vultr: { name: 'Vultr', ptrSuffixes: ['vultrusercontent.com', 'vultr.com'] },
  linode: { name: 'Linode (Akamai)', ptrSuffixes: ['linodeusercontent.com', 'linode.com'] },
  ovh: { name: 'OVHcloud', ptrSuffixes: ['ovh.net', 'ovh.ca', 'ovh.us'] },
  scaleway: { name: 'Scaleway', ptrSuffixes: ['scw.cloud', 'poneytelecom.eu'] },
  contabo: { name: 'Contabo', ptrSuffixes: ['contaboserver.net'] },
  aws: { name: 'Amazon Web Services (AWS)', ptrSuffixes: ['amazonaws.com'] },
};
export const PROVIDER_IDS = Object.keys(VPS_PROVIDERS) as ProviderId[];

export interface TicketValues {
  domain: string;
  ipv4?: string;
  ipv6?: string;
}

const PLACEHOLDER = /\{\{(domain|ipv4|ipv6)\}\}/g;

/**
 * Fills {{domain}}, {{ipv4}} and {{ipv6}}. A line whose placeholder has no value is left out entirely (a
 * server without IPv6 gets no "IPv6 address: " line), so the result never shows a bare placeholder.
 */
export function fillTemplate(template: string, values: TicketValues): string {
  const lookup: Record<string, string | undefined> = { domain: values.domain, ipv4: values.ipv4, ipv6: values.ipv6 };
  return template
    .split('\n')
    .filter((line) => [...line.matchAll(PLACEHOLDER)].every((match) => lookup[match[1]!]))
    .map((line) => line.replace(PLACEHOLDER, (_, key: string) => lookup[key] ?? ''))
    .join('\n');
}

/** OVHcloud's dedicated servers are named like ns3012345.ip-51-77-1.eu. */
const OVH_DEDICATED_NAME = /(^|\.)ip-\d{1,3}-\d{1,3}-\d{1,3}\.(eu|net|us)$/;

/**
 * The provider, from the reverse names its servers get before anyone changes them
 * (static.1.2.3.4.clients.your-server.de → hetzner). undefined when none matches: DigitalOcean, for one,
 * names servers after the Droplet, so it cannot be recognised this way.
 */
export function guessProvider(ptrNames: string[]): ProviderId | undefined {
  for (const raw of ptrNames) {
    const name = raw.trim().replace(/\.$/, '').toLowerCase();
    if (OVH_DEDICATED_NAME.test(name)) return 'ovh';
    for (const id of PROVIDER_IDS) {
      if (VPS_PROVIDERS[id].ptrSuffixes.some((suffix) => name === suffix || name.endsWith(`.${suffix}`))) return id;
    }
  }
  return undefined;
}
