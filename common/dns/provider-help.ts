/**
 * What to do at the VPS provider, which the user cannot fix at their domain registrar: set the reverse
 * DNS (PTR) of the server's addresses, and get port 25 opened. Data only, in English and Dutch, for the DNS
 * page and the command line. Menus change, so steps name them loosely where their exact wording is not
 * certain; the facts are kept modest (providers decide unblock requests themselves).
 */

export type ProviderId = 'hetzner' | 'digitalocean' | 'vultr' | 'linode' | 'ovh' | 'scaleway' | 'contabo' | 'aws';
export type HelpLanguage = 'en' | 'nl';

export interface ProviderTexts {
  /** How to set the reverse DNS of the server's addresses to mx.{{domain}}. */
  ptrSteps: string[];
  /** Whether port 25 is usually blocked there, and how to ask for it to be opened. */
  port25Steps: string[];
  /** A support message asking to open port 25; placeholders {{domain}}, {{ipv4}}, {{ipv6}}. */
  ticket: string;
}

export interface ProviderHelp {
  /** undefined for the general advice used when the provider is not known. */
  id: ProviderId | undefined;
  name: string;
  /** Default reverse names the provider gives its servers end in one of these (used by guessProvider). */
  ptrSuffixes: string[];
  texts: Record<HelpLanguage, ProviderTexts>;
}

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

/** Every text of one provider in one language, with the placeholders filled. */
export function renderProviderHelp(help: ProviderHelp, language: HelpLanguage, values: TicketValues): ProviderTexts {
  const texts = help.texts[language];
  const fillSteps = (steps: string[]) =>
    steps.map((step) => fillTemplate(step, values)).filter((step) => step.trim() !== '');
  return {
    ptrSteps: fillSteps(texts.ptrSteps),
    port25Steps: fillSteps(texts.port25Steps),
    ticket: fillTemplate(texts.ticket, values),
  };
}

/** The ticket's body is the same everywhere: who sends what, and what is already in place. */
function ticket(language: HelpLanguage, providerLine: string): string {
  if (language === 'en') {
    return [
      'Subject: Please open port 25 for my mail server ({{ipv4}})',
      '',
      'Hello,',
      '',
      'I run my own mail server for my domain {{domain}} on my server with IPv4 address {{ipv4}}.',
      'Its IPv6 address is {{ipv6}}.',
      providerLine,
      '',
      'About the server:',
      '- It sends mail only for my own domain {{domain}}: personal and business mail, no newsletters or bulk mail.',
      '- The reverse DNS (PTR) of its addresses is mx.{{domain}}, and mx.{{domain}} points back to them.',
      '- SPF, DKIM and DMARC are published for {{domain}}.',
      '- It is not an open relay: only signed-in users can send.',
      '- I read the abuse contact of my account and will act on any report quickly.',
      '',
      'Thank you.',
    ].join('\n');
  }
  return [
    'Onderwerp: Graag poort 25 openzetten voor mijn mailserver ({{ipv4}})',
    '',
    'Hallo,',
    '',
    'Ik draai een eigen mailserver voor mijn domein {{domain}} op mijn server met IPv4-adres {{ipv4}}.',
    'Het IPv6-adres is {{ipv6}}.',
    providerLine,
    '',
    'Over de server:',
    '- Hij verstuurt alleen mail voor mijn eigen domein {{domain}}: persoonlijke en zakelijke mail, geen nieuwsbrieven of bulkmail.',
    '- De reverse DNS (PTR) van de adressen is mx.{{domain}}, en mx.{{domain}} wijst terug naar die adressen.',
    '- SPF, DKIM en DMARC staan gepubliceerd voor {{domain}}.',
    '- Het is geen open relay: alleen ingelogde gebruikers kunnen versturen.',
    '- Ik lees het abuse-adres van mijn account en reageer snel op meldingen.',
    '',
    'Alvast bedankt.',
  ].join('\n');
}

const SEND_IN_ENGLISH_NL =
  'Stuur het bericht hieronder via de helpdesk van je provider. Spreekt de helpdesk geen Nederlands, zet de app dan op Engels voor de Engelse versie.';

export const PROVIDER_HELP: Record<ProviderId, ProviderHelp> = {
  hetzner: {
    id: 'hetzner',
    name: 'Hetzner',
    ptrSuffixes: ['your-server.de'],
    texts: {
      en: {
        ptrSteps: [
          'Open the Hetzner Console and select your server.',
          "Go to the server's Networking tab.",
          'Edit the reverse DNS of {{ipv4}} and enter mx.{{domain}}.',
          'Hetzner gives each server a whole IPv6 block: add a reverse DNS entry for the exact address {{ipv6}} with mx.{{domain}}.',
          'Dedicated servers are managed in Robot instead: open the server, then its IPs, and edit the reverse DNS there.',
        ],
        port25Steps: [
          'Hetzner blocks outgoing ports 25 and 465 on new cloud servers. Receiving mail is not blocked.',
          'Once your first invoice has been paid, you can ask for the block to be lifted: open a support request in the Hetzner Console with the message below.',
        ],
        ticket: ticket('en', 'Please unblock outgoing ports 25 and 465 for this cloud server so it can deliver mail.'),
      },
      nl: {
        ptrSteps: [
          'Open de Hetzner Console en kies je server.',
          'Ga naar het tabblad Networking van de server.',
          'Wijzig de reverse DNS van {{ipv4}} in mx.{{domain}}.',
          'Hetzner geeft elke server een heel IPv6-blok: voeg een reverse-DNS-regel toe voor precies het adres {{ipv6}} met mx.{{domain}}.',
          'Een dedicated server beheer je in Robot: open de server, daarna de IP-adressen, en wijzig daar de reverse DNS.',
        ],
        port25Steps: [
          'Hetzner blokkeert uitgaande poorten 25 en 465 op nieuwe cloudservers. Mail ontvangen is niet geblokkeerd.',
          'Zodra je eerste factuur betaald is, kun je vragen om de blokkade op te heffen: dien in de Hetzner Console een supportverzoek in met het bericht hieronder.',
          SEND_IN_ENGLISH_NL,
        ],
        ticket: ticket(
          'nl',
          'Willen jullie uitgaande poorten 25 en 465 voor deze cloudserver openzetten, zodat hij mail kan afleveren?',
        ),
      },
    },
  },
  digitalocean: {
    id: 'digitalocean',
    name: 'DigitalOcean',
    ptrSuffixes: [],
    texts: {
      en: {
        ptrSteps: [
          "DigitalOcean takes the reverse DNS from the Droplet's name: there is no separate field.",
          'In the control panel, open the Droplet and rename it to mx.{{domain}}.',
          'The reverse DNS of both {{ipv4}} and {{ipv6}} follows the new name; it can take a little while to show.',
        ],
        port25Steps: [
          'DigitalOcean blocks outgoing SMTP (port 25) on Droplets, especially on newer accounts, and seldom lifts the block.',
          'You can ask through a support ticket with the message below; they decide case by case and may suggest a mail delivery service instead.',
        ],
        ticket: ticket('en', 'Please lift the SMTP (port 25) restriction for this Droplet so it can deliver mail.'),
      },
      nl: {
        ptrSteps: [
          'DigitalOcean haalt de reverse DNS uit de naam van de Droplet: er is geen apart veld.',
          'Open de Droplet in het controlepaneel en geef hem de naam mx.{{domain}}.',
          'De reverse DNS van {{ipv4}} en {{ipv6}} volgt de nieuwe naam; dat kan even duren.',
        ],
        port25Steps: [
          'DigitalOcean blokkeert uitgaande SMTP (poort 25) op Droplets, vooral bij nieuwere accounts, en heft dat zelden op.',
          'Je kunt het vragen met een supportticket met het bericht hieronder; ze beslissen per geval en raden soms een maildienst aan.',
          SEND_IN_ENGLISH_NL,
        ],
        ticket: ticket(
          'nl',
          'Willen jullie de SMTP-beperking (poort 25) voor deze Droplet opheffen, zodat hij mail kan afleveren?',
        ),
      },
    },
  },
  vultr: {
    id: 'vultr',
    name: 'Vultr',
    ptrSuffixes: ['vultrusercontent.com', 'vultr.com'],
    texts: {
      en: {
        ptrSteps: [
          'Open the server in the Vultr customer portal and go to its Settings.',
          'Under IPv4, change the reverse DNS of {{ipv4}} to mx.{{domain}}.',
          'Under IPv6, add a reverse DNS entry for {{ipv6}} with mx.{{domain}}.',
        ],
        port25Steps: [
          'Vultr blocks SMTP on new accounts.',
          'Open a support ticket with the message below to ask for the SMTP restriction to be lifted; Vultr reviews each request and may refuse for new accounts.',
        ],
        ticket: ticket(
          'en',
          'Please lift the SMTP (port 25) restriction on my account for this server so it can deliver mail.',
        ),
      },
      nl: {
        ptrSteps: [
          'Open de server in het klantenportaal van Vultr en ga naar Settings.',
          'Zet onder IPv4 de reverse DNS van {{ipv4}} op mx.{{domain}}.',
          'Voeg onder IPv6 een reverse-DNS-regel toe voor {{ipv6}} met mx.{{domain}}.',
        ],
        port25Steps: [
          'Vultr blokkeert SMTP bij nieuwe accounts.',
          'Open een supportticket met het bericht hieronder om de SMTP-beperking op te heffen; Vultr beoordeelt elk verzoek en kan nieuwe accounts weigeren.',
          SEND_IN_ENGLISH_NL,
        ],
        ticket: ticket(
          'nl',
          'Willen jullie de SMTP-beperking (poort 25) op mijn account voor deze server opheffen, zodat hij mail kan afleveren?',
        ),
      },
    },
  },
  linode: {
    id: 'linode',
    name: 'Linode (Akamai)',
    ptrSuffixes: ['linodeusercontent.com', 'linode.com'],
    texts: {
      en: {
        ptrSteps: [
          'First publish the A record (and AAAA record) of mx.{{domain}}: Linode only accepts a reverse name that points back to the address.',
          'In Cloud Manager, open the Linode and go to its Network tab.',
          'Next to {{ipv4}}, open the menu and choose Edit RDNS; enter mx.{{domain}}.',
          'Do the same for {{ipv6}}.',
        ],
        port25Steps: [
          'Linode (Akamai) restricts the SMTP ports (25, 465 and 587) on new accounts.',
          'Set the reverse DNS first, then open a support ticket with the message below to ask for the restriction to be lifted.',
        ],
        ticket: ticket('en', 'Please lift the SMTP port restrictions for this Linode so it can deliver mail.'),
      },
      nl: {
        ptrSteps: [
          'Publiceer eerst het A-record (en AAAA-record) van mx.{{domain}}: Linode accepteert alleen een reverse naam die terugwijst naar het adres.',
          'Open de Linode in Cloud Manager en ga naar het tabblad Network.',
          'Open naast {{ipv4}} het menu en kies Edit RDNS; vul mx.{{domain}} in.',
          'Doe hetzelfde voor {{ipv6}}.',
        ],
        port25Steps: [
          'Linode (Akamai) beperkt de SMTP-poorten (25, 465 en 587) bij nieuwe accounts.',
          'Stel eerst de reverse DNS in en open daarna een supportticket met het bericht hieronder om de beperking op te heffen.',
          SEND_IN_ENGLISH_NL,
        ],
        ticket: ticket(
          'nl',
          'Willen jullie de SMTP-poortbeperkingen voor deze Linode opheffen, zodat hij mail kan afleveren?',
        ),
      },
    },
  },
  ovh: {
    id: 'ovh',
    name: 'OVHcloud',
    ptrSuffixes: ['ovh.net', 'ovh.ca', 'ovh.us'],
    texts: {
      en: {
        ptrSteps: [
          'First publish the A record (and AAAA record) of mx.{{domain}}: OVHcloud checks that the name points back to the address.',
          'In the OVHcloud Control Panel, open the list of your public IP addresses (in the Network section).',
          'Click the "..." button next to {{ipv4}}, choose to modify the reverse DNS, and enter mx.{{domain}}.',
          'Do the same for {{ipv6}}.',
        ],
        port25Steps: [
          'OVHcloud does not normally block port 25.',
          'An address can be blocked by their anti-spam protection after spam was seen from it; the IP page in the Control Panel then shows the block and how to lift it. Otherwise, contact support with the message below.',
        ],
        ticket: ticket(
          'en',
          'Please check whether port 25 is blocked for this server, and if so, lift the block so it can deliver mail.',
        ),
      },
      nl: {
        ptrSteps: [
          'Publiceer eerst het A-record (en AAAA-record) van mx.{{domain}}: OVHcloud controleert of de naam terugwijst naar het adres.',
          'Open in het OVHcloud Control Panel de lijst met je publieke IP-adressen (bij Network).',
          'Klik op de knop "..." naast {{ipv4}}, kies de reverse DNS wijzigen en vul mx.{{domain}} in.',
          'Doe hetzelfde voor {{ipv6}}.',
        ],
        port25Steps: [
          'OVHcloud blokkeert poort 25 normaal niet.',
          'Een adres kan wel geblokkeerd worden door hun antispambeveiliging als er spam vandaan kwam; de IP-pagina in het Control Panel laat dan de blokkade zien en hoe je die opheft. Neem anders contact op met support met het bericht hieronder.',
          SEND_IN_ENGLISH_NL,
        ],
        ticket: ticket(
          'nl',
          'Kunnen jullie nagaan of poort 25 voor deze server geblokkeerd is, en zo ja de blokkade opheffen, zodat hij mail kan afleveren?',
        ),
      },
    },
  },
  scaleway: {
    id: 'scaleway',
    name: 'Scaleway',
    ptrSuffixes: ['scw.cloud', 'poneytelecom.eu'],
    texts: {
      en: {
        ptrSteps: [
          'First publish the A record (and AAAA record) of mx.{{domain}}.',
          'In the Scaleway console, open the Instance and find its flexible IP address {{ipv4}}.',
          'Edit the reverse DNS of the address and enter mx.{{domain}}; do the same for {{ipv6}}.',
        ],
        port25Steps: [
          'Scaleway blocks the outgoing SMTP ports (25, 465 and 587) on Instances by default.',
          'After your identity has been verified in your account, you can open them yourself: in the console, go to the Instances security groups and enable SMTP for the security group of this server. No ticket is needed.',
          'If the option is not offered, contact support with the message below.',
        ],
        ticket: ticket('en', 'Please allow outgoing SMTP (port 25) for this Instance so it can deliver mail.'),
      },
      nl: {
        ptrSteps: [
          'Publiceer eerst het A-record (en AAAA-record) van mx.{{domain}}.',
          'Open de Instance in de Scaleway-console en zoek het flexibele IP-adres {{ipv4}}.',
          'Wijzig de reverse DNS van het adres in mx.{{domain}}; doe hetzelfde voor {{ipv6}}.',
        ],
        port25Steps: [
          'Scaleway blokkeert standaard de uitgaande SMTP-poorten (25, 465 en 587) op Instances.',
          'Als je identiteit in je account geverifieerd is, kun je ze zelf openen: ga in de console naar de security groups van Instances en zet SMTP aan voor de security group van deze server. Een ticket is dan niet nodig.',
          'Staat die optie er niet, neem dan contact op met support met het bericht hieronder.',
          SEND_IN_ENGLISH_NL,
        ],
        ticket: ticket(
          'nl',
          'Willen jullie uitgaande SMTP (poort 25) voor deze Instance toestaan, zodat hij mail kan afleveren?',
        ),
      },
    },
  },
  contabo: {
    id: 'contabo',
    name: 'Contabo',
    ptrSuffixes: ['contaboserver.net'],
    texts: {
      en: {
        ptrSteps: [
          'In the Contabo Customer Control Panel, open the reverse DNS management page.',
          'Find {{ipv4}} and set its reverse DNS to mx.{{domain}}.',
          'Do the same for {{ipv6}}.',
        ],
        port25Steps: [
          'Contabo does not normally block port 25.',
          'If mail still cannot get out, contact support with the message below.',
        ],
        ticket: ticket(
          'en',
          'Please check whether port 25 is blocked for this server, and if so, lift the block so it can deliver mail.',
        ),
      },
      nl: {
        ptrSteps: [
          'Open in het Contabo Customer Control Panel de pagina voor reverse-DNS-beheer.',
          'Zoek {{ipv4}} en zet de reverse DNS op mx.{{domain}}.',
          'Doe hetzelfde voor {{ipv6}}.',
        ],
        port25Steps: [
          'Contabo blokkeert poort 25 normaal niet.',
          'Komt mail er toch niet uit, neem dan contact op met support met het bericht hieronder.',
          SEND_IN_ENGLISH_NL,
        ],
        ticket: ticket(
          'nl',
          'Kunnen jullie nagaan of poort 25 voor deze server geblokkeerd is, en zo ja de blokkade opheffen, zodat hij mail kan afleveren?',
        ),
      },
    },
  },
  aws: {
    id: 'aws',
    name: 'Amazon Web Services (AWS)',
    ptrSuffixes: ['amazonaws.com'],
    texts: {
      en: {
        ptrSteps: [
          "Give the server an Elastic IP address: the reverse DNS of EC2's automatic public addresses cannot be changed.",
          'Publish the A record of mx.{{domain}} pointing at the Elastic IP {{ipv4}} first: AWS checks it.',
          'In the EC2 console, open Elastic IPs, select {{ipv4}}, and choose Actions, then Update reverse DNS; enter mx.{{domain}}.',
          'For IPv6, or for Lightsail, ask AWS Support (the form below also has a field for reverse DNS).',
        ],
        port25Steps: [
          'AWS restricts outgoing port 25 on EC2 and Lightsail by default.',
          'Ask for the restriction to be removed with the AWS Support form for removing email sending limitations (search for "email sending limitations" in AWS Support). It asks for your use case; the message below answers it.',
        ],
        ticket: ticket(
          'en',
          'Please remove the email sending limitation (port 25) for this instance so it can deliver mail.',
        ),
      },
      nl: {
        ptrSteps: [
          'Geef de server een Elastic IP-adres: de reverse DNS van de automatische publieke adressen van EC2 kun je niet wijzigen.',
          'Publiceer eerst het A-record van mx.{{domain}} naar het Elastic IP {{ipv4}}: AWS controleert dat.',
          'Open in de EC2-console Elastic IPs, selecteer {{ipv4}} en kies Actions en dan Update reverse DNS; vul mx.{{domain}} in.',
          'Voor IPv6, of voor Lightsail, vraag het aan AWS Support (het formulier hieronder heeft ook een veld voor reverse DNS).',
        ],
        port25Steps: [
          'AWS beperkt uitgaande poort 25 standaard op EC2 en Lightsail.',
          'Vraag om opheffing met het formulier van AWS Support voor het verwijderen van e-mailverzendlimieten (zoek op "email sending limitations" bij AWS Support). Het vraagt naar je gebruik; het bericht hieronder beantwoordt dat.',
          SEND_IN_ENGLISH_NL,
        ],
        ticket: ticket(
          'nl',
          'Willen jullie de beperking op het versturen van e-mail (poort 25) voor deze instance opheffen, zodat hij mail kan afleveren?',
        ),
      },
    },
  },
};

/** For a provider that is not recognised: the same steps in general words. */
export const GENERAL_PROVIDER_HELP: ProviderHelp = {
  id: undefined,
  name: 'your provider',
  ptrSuffixes: [],
  texts: {
    en: {
      ptrSteps: [
        'Reverse DNS is set where the server is rented, not at your domain registrar.',
        'Look in your provider\'s control panel for "reverse DNS", "rDNS" or "PTR", usually on the server\'s networking or IP addresses page.',
        'Set the reverse DNS of {{ipv4}} to mx.{{domain}}, and of {{ipv6}} too.',
        'If there is no such setting, ask support to set it (many providers first check that mx.{{domain}} points back to the address).',
      ],
      port25Steps: [
        'Many providers block outgoing port 25 on new servers to stop spam.',
        'Ask support to open it with the message below.',
      ],
      ticket: ticket('en', 'Please lift any block on outgoing port 25 for this server so it can deliver mail.'),
    },
    nl: {
      ptrSteps: [
        'Reverse DNS stel je in waar je de server huurt, niet bij je domeinregistrar.',
        'Zoek in het controlepaneel van je provider naar "reverse DNS", "rDNS" of "PTR", meestal bij het netwerk of de IP-adressen van de server.',
        'Zet de reverse DNS van {{ipv4}} op mx.{{domain}}, en die van {{ipv6}} ook.',
        'Is er geen instelling, vraag dan support om het in te stellen (veel providers controleren eerst of mx.{{domain}} terugwijst naar het adres).',
      ],
      port25Steps: [
        'Veel providers blokkeren uitgaande poort 25 op nieuwe servers om spam tegen te gaan.',
        'Vraag support om hem open te zetten met het bericht hieronder.',
        SEND_IN_ENGLISH_NL,
      ],
      ticket: ticket(
        'nl',
        'Willen jullie een eventuele blokkade op uitgaande poort 25 voor deze server opheffen, zodat hij mail kan afleveren?',
      ),
    },
  },
};

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
    for (const help of Object.values(PROVIDER_HELP)) {
      if (help.ptrSuffixes.some((suffix) => name === suffix || name.endsWith(`.${suffix}`))) return help.id;
    }
  }
  return undefined;
}

/** The help for a provider, or the general advice when it is not known. */
export function providerHelp(id: ProviderId | undefined): ProviderHelp {
  return id === undefined ? GENERAL_PROVIDER_HELP : PROVIDER_HELP[id];
}
