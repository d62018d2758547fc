import { dnsEn } from './dns.en';

/** Dutch texts: the dns feature (the informal "je" form that modern Dutch software uses). */
export const dnsNl: typeof dnsEn = {
  dns: {
    title: 'DNS-records',
    intro:
      'De records die je domein nodig heeft, zodat mail je server bereikt en andere mailservers hem vertrouwen. Mailharbor controleert ze live, vanaf deze computer.',
    serverLabel: 'Server',
    domainLabel: 'Domein',
    noServer: {
      title: 'Verbind een server om zijn DNS-records te zien',
      body: 'De records worden gemaakt uit de mailserver die op je VPS staat. Maak eerst verbinding met de server op de pagina Servers.',
    },
    notConnected: '{{name}} is niet verbonden. Maak verbinding om zijn records te zien en te controleren.',
    notInstalled: {
      title: 'Op {{name}} staat nog geen mailserver',
      body: 'De records worden gemaakt uit de geïnstalleerde mailserver: het domein, de adressen en de DKIM-sleutel. Installeer eerst de mailserver.',
      goToSetup: 'Naar Installatie',
    },
    loading: 'De lijst met records wordt gemaakt…',
    loadFailed: 'De records konden niet worden gemaakt',
    checkFailed: 'De records konden niet worden gecontroleerd',
    serverCheckFailed: 'De certificaten en poort 25 konden niet worden gecontroleerd',
    technicalDetails: 'Technische details',
    purpose: {
      apex: 'Je domein zelf: de webinterface, en het certificaat daarvan.',
      mxHost: 'De eigen naam van de mailserver: het MX-record wijst hierheen.',
      smtpHost: 'Waar mailapps mail versturen.',
      imapHost: 'Waar mailapps mail lezen (IMAP).',
      pop3Host: 'Waar mailapps mail ophalen (POP3).',
      apiHost: 'De API van de mailserver.',
      caldavHost: 'Agenda’s (CalDAV).',
      carddavHost: 'Contacten (CardDAV).',
      mx: 'Vertelt andere mailservers waar ze mail voor je domein moeten afleveren.',
      spf: 'Zegt welke servers mail voor je domein mogen versturen (SPF).',
      dkim: 'De publieke sleutel waarmee andere servers controleren dat mail echt van jouw server komt (DKIM).',
      dmarc:
        'Vertelt ontvangers wat ze moeten doen met mail die die controles niet doorstaat, en waar rapporten heen gaan (DMARC).',
      mtaSts: 'Maakt bekend dat mail naar je domein altijd versleuteld moet zijn (MTA-STS).',
      mtaStsHost: 'Waar andere servers het MTA-STS-beleid ophalen.',
      tlsRpt: 'Waar andere servers problemen met versleuteling melden (TLS-RPT).',
      srvSubmissions: 'Laat mailapps zelf de verzendserver vinden.',
      srvImaps: 'Laat mailapps zelf de IMAP-server vinden.',
      srvPop3s: 'Laat mailapps zelf de POP3-server vinden.',
      caa: 'Alleen deze certificaatautoriteit mag certificaten voor je domein uitgeven (CAA).',
      ptr: 'Reverse DNS: het adres van de server noemt de mailserver.',
    },
    summary: {
      checking: 'Je records worden gecontroleerd…',
      allRight:
        'Alles is in orde. De records, de reverse DNS, de certificaten en poort 25 kloppen allemaal: mail kan stromen.',
      toFix_one: 'Nog niet alles is in orde: hieronder vraagt 1 punt je aandacht.',
      toFix_other: 'Nog niet alles is in orde: hieronder vragen {{count}} punten je aandacht.',
      autoCheck: 'Zolang iets niet klopt, controleert Mailharbor alles elke 30 seconden opnieuw.',
      autoStopped:
        'Mailharbor is na een uur gestopt met vanzelf controleren. Controleer opnieuw als je iets hebt veranderd.',
      checkedAt: 'Laatst gecontroleerd om {{time}}.',
      checkNow: 'Nu controleren',
      checkingNow: 'Bezig met controleren…',
      nameservers: 'De nameservers van je domein beslissen: {{nameservers}}.',
      nameserversNotFound:
        'De nameservers van je domein zijn niet gevonden, dus geen enkel record kan worden gecontroleerd. Is het domein geregistreerd, en staan de nameservers goed bij de registrar?',
    },
    choices: {
      namesLegend: 'Hoe de dienstnamen (smtp, imap, …) naar de server wijzen',
      address: 'A- en AAAA-records',
      addressHint: 'Elke naam wijst rechtstreeks naar het adres van de server. Werkt bij elke provider.',
      cname: 'CNAME-records',
      cnameHint:
        'Elke naam wijst naar {{domain}}; verandert het adres van de server, dan hoeven alleen de records van {{domain}} en mx te veranderen.',
      optionalLegend: 'Optionele records',
      mtaSts: 'Verplichte versleuteling (MTA-STS)',
      mtaStsHint: 'Vertelt andere mailservers dat ze mail aan jou altijd versleuteld moeten afleveren.',
      tlsRpt: 'TLS-rapporten (TLS-RPT)',
      tlsRptHint: 'Andere mailservers melden problemen met versleuteling aan tlsrpt@{{domain}}.',
      srv: 'Automatisch instellen van mailapps (SRV)',
      srvHint: 'Mailapps vinden de serverinstellingen zelf.',
      caa: 'Certificaatautoriteit (CAA)',
      caaHint: 'Alleen Let’s Encrypt mag certificaten voor {{domain}} uitgeven.',
    },
    records: {
      title: 'Records bij je DNS-provider',
      intro:
        'Voeg deze records toe waar de DNS van {{domain}} wordt beheerd, vaak bij de registrar waar je het domein kocht. De namen zijn ten opzichte van {{domain}}: “@” is het domein zelf (sommige providers willen dan een leeg naamveld).',
      copyAll: 'Alle records kopiëren',
      download: 'Zonebestand downloaden',
      downloadNote:
        'Het zonebestand bevat alle records in het standaardformaat (BIND). Veel registrars kunnen er geen importeren: voeg de records dan één voor één toe.',
      listLabel: 'DNS-records',
      name: 'Naam',
      type: 'Soort',
      value: 'Waarde',
      valueNumbered: 'Waarde {{number}}',
      copyName: 'Naam kopiëren',
      copyValue: 'Waarde kopiëren',
      optional: 'optioneel',
      splitSummary: 'Wil je provider deze waarde in delen van hoogstens 255 tekens?',
      splitBody: 'Plak dan dit, met de aanhalingstekens:',
      copySplit: 'In delen kopiëren',
      privateAddress:
        'De server heeft alleen het privéadres {{address}}, en dat is vanaf internet niet bereikbaar. Geeft je provider de server een publiek adres, zet dat dan in de A-records.',
      connectionAddress:
        'De netwerkkaart van de server heeft alleen een privéadres; de records gebruiken {{address}}, het publieke adres waarop Mailharbor de server bereikt.',
    },
    state: {
      correct: 'Klopt',
      propagating: 'Klopt, wordt nog verspreid',
      disagree: 'Je nameservers zijn het oneens',
      wrong: 'Onjuist',
      missing: 'Ontbreekt',
      error: 'Kon niet worden gecontroleerd',
      unchecked: 'Nog niet gecontroleerd',
    },
    explain: {
      correct: 'Je DNS-provider publiceert dit record, en internet ziet het.',
      propagating:
        'Bij je DNS-provider klopt het. Sommige resolvers onthouden het oude antwoord nog, hoogstens {{time}}.',
      disagree:
        'De nameservers van je domein geven verschillende antwoorden. Meestal is dat binnen een paar minuten over. Blijft het zo, kijk dan of je het record hebt gewijzigd bij de provider wiens nameservers je domein gebruikt.',
      wrong: 'Gevonden: {{found}}, verwacht: {{expected}}.',
      missing: 'Je DNS-provider publiceert dit record nog niet: voeg het toe.',
      missingOptional: 'Nog niet gepubliceerd. Dit record is optioneel: voeg het toe als je wilt wat het doet.',
      error: 'Het opzoeken mislukte, dus het is nog niet bekend of dit record klopt. Mailharbor probeert het opnieuw.',
    },
    fix: {
      replace: 'Bij {{name}}: verwijder {{remove}} en voeg het {{type}}-record {{add}} toe.',
      replaceElsewhere: 'Dit los je op bij {{name}}: verwijder {{remove}} en voeg een {{type}}-record toe met {{add}}.',
      retry: 'Opnieuw controleren',
      answers: 'Wat elke nameserver zegt',
      noAnswer: 'geen antwoord',
      nothing: 'niets',
    },
    findings: {
      spfMultiple:
        '{{domain}} heeft twee SPF-records. Ontvangende servers negeren dan allebei: voeg ze samen tot één record.',
      mxIsCname:
        'De mailhost {{mxHost}} is een CNAME. Een MX-record moet wijzen naar een naam met een eigen A-record: vervang de CNAME van {{mxHost}} door een A-record.',
      apexCname:
        '{{domain}} zelf is een CNAME. Die verbergt alle andere records van het domein (MX, SPF en meer): vervang hem door A-records.',
      dkimMismatch:
        'De gepubliceerde DKIM-sleutel is niet de sleutel van deze server, dus mail van deze server zakt voor de DKIM-controle. Vervang de waarde door de getoonde.',
      dmarcMultiple:
        '{{domain}} heeft twee DMARC-records. Ontvangende servers negeren dan allebei: houd er maar één over.',
    },
    ptr: {
      title: 'Reverse DNS (PTR) bij je serverprovider',
      intro:
        'Ontvangende mailservers zoeken het adres van de server ook andersom op: dat moet {{mxHost}} noemen. Je stelt dit in waar je de server huurt, niet bij je DNS-provider.',
      listLabel: 'Reverse DNS van de adressen van de server',
      state: {
        correct: 'Klopt',
        wrong: 'Onjuist',
        missing: 'Ontbreekt',
        notConfirmed: 'Wijst niet terug',
        error: 'Kon niet worden gecontroleerd',
      },
      explain: {
        correct: '{{address}} noemt {{expected}}, en {{expected}} wijst ernaar terug.',
        wrong: '{{address}} noemt {{found}}; dat moet {{expected}} zijn.',
        missing: '{{address}} heeft nog geen reverse naam; die moet {{expected}} zijn.',
        notConfirmed:
          '{{address}} noemt {{expected}}, maar {{expected}} wijst niet terug naar {{address}}: voeg eerst het A- (of AAAA-)record van {{expected}} hierboven toe.',
        error: 'De reverse naam van {{address}} kon niet worden opgezocht. Mailharbor probeert het opnieuw.',
      },
      provider: 'Je serverprovider',
      providerGuessed: 'Herkend aan de huidige reverse naam van de server.',
      otherProvider: 'Een andere provider, of weet ik niet',
      stepsTitle: 'De reverse DNS instellen bij {{provider}}',
    },
    port25: {
      title: 'Poort 25',
      intro: 'Mailservers leveren mail bij elkaar af via poort 25. Veel providers blokkeren die op nieuwe servers.',
      outbound: 'Versturen, getest vanaf de server',
      outboundChecking: 'Bezig met testen vanaf de server…',
      outboundFailed: 'De server kon niet worden getest',
      checkAgain: 'Opnieuw testen',
      inbound: 'Ontvangen, getest vanaf deze computer',
      inboundState: {
        open: 'De server antwoordt op poort 25: mail kan hem bereiken.',
        closed: 'Niets antwoordt op poort 25 van de server. Draait de mailserver wel?',
        filtered:
          'Poort 25 van de server antwoordt niet: een firewall (van de server of van de provider) blokkeert hem.',
        cannotTestFromHere:
          'Niet te testen vanaf dit netwerk: het blokkeert poort 25 naar alle mailservers, niet alleen naar de jouwe. Probeer het opnieuw vanaf een ander netwerk.',
      },
      helpTitle: '{{provider}} vragen poort 25 open te zetten',
      ticketTitle: 'Een bericht voor de helpdesk',
      copyTicket: 'Bericht kopiëren',
    },
    blocklists: {
      title: 'Blokkeerlijsten',
      intro:
        'Openbare lijsten van adressen en domeinen die spam verstuurden. Veel mailservers weigeren mail van alles wat erop staat.',
      listLabel: 'Uitkomsten van de blokkeerlijsten',
      clean: '{{target}}: staat op geen enkele lijst.',
      listed: '{{target}} staat op {{list}}.',
      failed:
        '{{target}}: {{list}} kon niet worden gecontroleerd. Dat betekent niet dat het erop staat; Mailharbor probeert het opnieuw.',
      none: 'Er worden geen blokkeerlijsten gecontroleerd.',
    },
    tls: {
      title: 'Certificaten',
      intro:
        'De certificaten die de server laat zien op zijn versleutelde poorten, zoals mailapps en browsers ze zien.',
      listLabel: 'Certificaten per poort',
      port: {
        https: 'Webinterface (HTTPS), poort 443',
        smtp: 'Mail versturen (SMTP), poort 465',
        imap: 'Mail lezen (IMAP), poort 993',
        pop3: 'Mail ophalen (POP3), poort 995',
      },
      state: {
        ok: 'Geldig',
        nameMismatch: 'Niet voor deze naam',
        expired: 'Verlopen',
        expiringSoon: 'Verloopt binnenkort',
        untrusted: 'Niet vertrouwd',
        unreachable: 'Geen antwoord',
      },
      explain: {
        nameMismatch: 'Het certificaat is niet voor {{name}}: mailapps geven een waarschuwing.',
        expired: 'Het certificaat is verlopen: mailapps weigeren de verbinding.',
        expiringSoon:
          'Het certificaat verloopt over {{days}} dagen en is nog niet vernieuwd: mislukt het vernieuwen soms?',
        untrusted:
          'Het certificaat komt niet van een publieke certificaatautoriteit: mailapps geven een waarschuwing. De installatie haalt er een zodra de A-records kloppen.',
        unreachable: 'Niets antwoordde op poort {{port}} van de server. Draait de mailserver wel?',
      },
      names: 'Voor',
      issuer: 'Uitgegeven door',
      expires: 'Verloopt',
      expiresOn: '{{date}} (over {{days}} dagen)',
    },
  },
};

/** Both languages of these texts, for i18n/resources.ts. */
export const dnsTexts = { en: dnsEn, nl: dnsNl };
