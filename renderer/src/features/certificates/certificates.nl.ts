import { certificatesEn } from './certificates.en';

/** Dutch texts: the certificates panel, in the shape of the English ones. */
const certificatesNl: typeof certificatesEn = {
  certificates: {
    title: 'Certificaten',
    intro:
      'De certificaten die je server gebruikt voor versleutelde mail en de webinterface, zoals de server ze zelf bewaart.',
    failed: 'De certificaten konden niet worden gelezen',
    refresh: 'Opnieuw controleren',
    checking: 'Bezig met controleren…',
    none: 'De server heeft nog geen certificaat. De installatie vraagt er een aan.',
    names: 'Voor',
    issuer: 'Uitgegeven door',
    valid: 'Geldig',
    validRange: '{{from}} tot {{to}}',
    daysLeft_one: 'nog {{count}} dag',
    daysLeft_other: 'nog {{count}} dagen',
    expiredAgo_one: '{{count}} dag geleden verlopen',
    expiredAgo_other: '{{count}} dagen geleden verlopen',
    renews: 'Vernieuwt',
    method: {
      'http-01': "vanzelf, via poort 80 (Let's Encrypt bezoekt de server)",
      'dns-provider': 'vanzelf, via je DNS-provider ({{provider}})',
      'manual-dns': 'alleen met jouw hulp: je zet TXT-records met de hand',
      unknown: 'op een manier die Mailharbor niet kent',
    },
    autoRenew: {
      'systemd-timer': 'De server kijkt twee keer per dag of er iets vernieuwd moet worden (de timer van certbot).',
      cron: 'De server kijkt twee keer per dag of er iets vernieuwd moet worden (een cron-regel).',
      none: 'Niets op de server vernieuwt certificaten vanzelf.',
    },
    renewNow: 'Nu vernieuwen',
    renewJob: '{{name}} wordt vernieuwd',
    renewFailed: 'Het vernieuwen kon niet worden gestart',
    renewManual:
      'Het wordt vernieuwd met TXT-records die je zelf zet: Nu vernieuwen toont de nieuwe, controleert ze bij de nameservers van je domein en laat het vernieuwen pas daarna doorgaan.',
    lastRenewal: {
      renewed: 'Voor het laatst vernieuwd vanuit Mailharbor op {{at}}.',
      failed: 'Het laatste vernieuwen vanuit Mailharbor, op {{at}}, is mislukt. Vernieuw opnieuw om te zien waarom.',
    },
    served: {
      title: 'Wat je mailpoorten aanbieden',
      this: '{{name}} (poort {{port}}) gebruikt dit certificaat.',
      none: '{{name}} (poort {{port}}) antwoordt niet: {{detail}}.',
      other: '{{name}} (poort {{port}}) gebruikt een ander certificaat: {{detail}}.',
    },
    warning: {
      servedDiffers:
        'Nog niet elke mailpoort gebruikt dit certificaat (zie hieronder): mailprogramma’s kunnen een oud of verkeerd certificaat zien. Herstart die diensten of vernieuw opnieuw.',
      expired: 'Dit certificaat is verlopen: mailprogramma’s en browsers weigeren de verbinding. Vernieuw het nu.',
      missingNames:
        'Het dekt {{names}} niet, waarmee je maildiensten bereikt worden. Voer de installatie opnieuw uit om een certificaat voor elke naam te krijgen.',
      manualRenewalDue:
        'Het verloopt over {{count}} dagen en kan zichzelf niet vernieuwen: vernieuw het nu en zet de TXT-records die Mailharbor toont.',
      notRenewing:
        'Het had zichzelf 30 dagen voor het verloopt moeten vernieuwen, maar dat is niet gebeurd. Controleer of poort 80 (of de sleutel van je DNS-provider) nog werkt.',
      noAutoRenew:
        'Niets op de server vernieuwt het vanzelf (de timer van certbot en zijn cron-regel ontbreken allebei), dus het verloopt op zijn datum tenzij iemand het vernieuwt.',
    },
  },
};

/** Both languages of these texts, for i18n/resources.ts. */
export const certificatesTexts = { en: certificatesEn, nl: certificatesNl };
