import { setupEn } from './setup.en';

/** Dutch texts: the setup feature (the informal "je" form that modern Dutch software uses). */
export const setupNl: typeof setupEn = {
  setup: {
    title: 'Installatie',
    intro:
      'Mailharbor begeleidt je stap voor stap bij het opzetten van je eigen mailserver. Er verandert niets op je server voordat je het plan hebt bekeken.',
    stepsLabel: 'Stappen van de begeleide installatie',
    overview: {
      done: 'klaar',
      openDns: 'De DNS-records openen',
    },
    noServer: {
      noServersTitle: 'Voeg een server toe om te beginnen',
      noServersBody:
        'De installatie zet je e-mail op een eigen VPS. Voeg de server toe op de pagina Servers en maak er verbinding mee; daarna ga je hier verder.',
      notConnectedTitle: 'Er is geen server verbonden',
      notConnectedBody:
        'Maak verbinding met de server waarop je je e-mail wilt installeren. Dat doe je op de pagina Servers; daarna ga je hier verder.',
    },
    server: {
      label: 'Server',
      notConnected:
        '{{name}} is op dit moment niet verbonden. Maak verbinding op de pagina Servers om verder te gaan; wat je al hebt ingevuld, blijft bewaard.',
    },
    resuming: 'Mailharbor kijkt wat er al op {{name}} is gedaan…',
    technicalDetails: 'Technische details',
    preflight: {
      title: 'Controleer de server',
      intro:
        'Mailharbor controleert of {{name}} klaar is voor je e-mail. De controles kijken alleen; er verandert niets op de server.',
      running: 'De server wordt gecontroleerd…',
      failed: 'De server kon niet worden gecontroleerd',
      listLabel: 'Uitkomsten van de controles',
      status: {
        ok: 'In orde',
        warning: 'Waarschuwing',
        blocker: 'Moet worden opgelost',
      },
      blocked:
        'Mailharbor kan nog niet op deze server installeren: los eerst op wat hierboven met “Moet worden opgelost” is gemarkeerd en controleer dan opnieuw.',
      warnings:
        'Sommige controles vonden iets wat je moet weten. Lees de waarschuwingen hierboven; als je ze accepteert, kun je toch doorgaan.',
      continue: 'Doorgaan',
      continueAnyway: 'Toch doorgaan',
      checkAgain: 'Opnieuw controleren',
      checking: 'Bezig met controleren…',
    },
    options: {
      title: 'Kies je domein en opties',
      intro:
        'Het domein van je e-mailadressen, en hoe de server zijn certificaten krijgt. Er gaat niets naar de server voordat je het plan hebt bekeken.',
      detecting: 'Mailharbor zoekt naar een mailserver die al op {{name}} staat…',
      detectFailed: 'Mailharbor kon niet nagaan of er al een installatie is',
      existing: {
        mailharbor:
          'Mailharbor heeft hier al een mailserver geïnstalleerd voor {{domain}}. De installatie maakt die af en behoudt de wachtwoorden en sleutels.',
        upstream:
          'Er is al een installatie gevonden voor {{domain}}; Mailharbor neemt die over en behoudt de wachtwoorden en sleutels.',
        domainLocked: 'Een geïnstalleerde mailserver houdt zijn domein, dus dit kun je niet wijzigen.',
      },
      resuming:
        'Je vorige installatie is niet afgerond. Vul je keuzes opnieuw in: de installatie gaat dan verder waar ze stopte en slaat elke stap over die al klaar is.',
      fixProblems: 'Een paar keuzes hebben je aandacht nodig ({{count}}). Ze zijn hieronder gemarkeerd.',
      domain: 'Domein',
      domainHint: 'Het deel na de @ in je e-mailadressen, bijvoorbeeld voorbeeld.nl.',
      domainAscii: 'In DNS wordt dit domein geschreven als {{ascii}}.',
      email: 'Je e-mailadres',
      emailHint:
        'Let’s Encrypt mailt hiernaartoe als een certificaat bijna verloopt. Gebruik een adres dat je al hebt, niet een adres op deze nieuwe server.',
      profile: {
        legend: 'Wat de server doet',
        full: 'Volledige mailserver',
        fullHint:
          'Mailboxen op deze server, met IMAP, POP3, CalDAV en CardDAV voor je mail-, agenda- en contactenapps.',
        forwarding: 'Alleen doorsturen',
        forwardingHint:
          'Mail aan je domein wordt doorgestuurd naar adressen die je al hebt; geen mailboxen op deze server.',
      },
      certificates: {
        legend: 'Hoe de server zijn certificaten krijgt',
        http: 'Automatisch',
        httpHint:
          'Let’s Encrypt controleert je server via poort 80. Poort 80 moet vanaf internet bereikbaar zijn, en je domein moet al naar deze server wijzen.',
        cloudflare: 'Cloudflare-API-token',
        cloudflareHint:
          'De DNS van je domein staat bij Cloudflare: Mailharbor toont met een API-token aan dat het domein van jou is.',
        digitalocean: 'DigitalOcean-API-token',
        digitaloceanHint:
          'De DNS van je domein staat bij DigitalOcean: Mailharbor toont met een API-token aan dat het domein van jou is.',
        route53: 'Amazon Route 53-toegangssleutel',
        route53Hint:
          'De DNS van je domein staat bij Amazon Route 53: Mailharbor toont met een toegangssleutel aan dat het domein van jou is.',
        manual: 'DNS met de hand',
        manualHint:
          'Tijdens de installatie voeg je zelf twee TXT-records toe bij je DNS-provider. Werkt bij elke provider, maar je moet in de buurt blijven.',
      },
      cloudflareToken: 'Cloudflare-API-token',
      cloudflareTokenHint:
        'Ga in Cloudflare naar My Profile → API Tokens en maak een token met het sjabloon “Edit zone DNS” voor dit domein.',
      digitaloceanToken: 'DigitalOcean-API-token',
      digitaloceanTokenHint:
        'Ga in het configuratiescherm van DigitalOcean naar API → Tokens en maak een persoonlijk toegangstoken met schrijfrechten.',
      accessKeyId: 'AWS-toegangssleutel-ID',
      accessKeyIdHint: 'Van een IAM-gebruiker die de records van dit domein in Route 53 mag wijzigen.',
      secretAccessKey: 'Geheime AWS-toegangssleutel',
      secretAccessKeyHint: 'AWS toont hem één keer, als de toegangssleutel wordt gemaakt.',
      secretsNote:
        'Mailharbor stuurt dit alleen naar je server, waar het in een bestand staat dat alleen de beheerder kan lezen.',
      resolver: {
        toggle: 'Andere DNS-resolvers gebruiken',
        toggleHint:
          'Alleen als de eigen DNS-resolvers van de server onbetrouwbaar zijn of de opzoekingen weigeren die mailservers nodig hebben. Mailharbor bewaart een kopie van de oude instelling.',
        legend: 'DNS-resolvers',
        hint: 'Maximaal drie IP-adressen, zoals 1.1.1.1 of 9.9.9.9. Lege velden worden weggelaten.',
        nameserver: 'DNS-resolver {{number}}',
      },
      continue: 'Plan bekijken',
      back: 'Terug naar de controles',
      nothingChanges: 'Er verandert nog niets op je server.',
      problems: {
        domainRequired: 'Vul je domein in, bijvoorbeeld voorbeeld.nl.',
        domainInvalid:
          'Gebruik een domeinnaam zoals voorbeeld.nl: letters, cijfers en koppeltekens met minstens één punt, zonder spaties, @, http:// of schuine strepen.',
        emailRequired: 'Vul een e-mailadres in voor de meldingen over verlopende certificaten.',
        emailInvalid: 'Gebruik een volledig e-mailadres zoals jij@voorbeeld.nl, zonder spaties.',
        cloudflareTokenRequired: 'Plak het API-token van Cloudflare.',
        cloudflareTokenInvalid:
          'Plak het token precies zoals Cloudflare het toont: minstens 20 letters, cijfers, koppeltekens, lage streepjes of punten, zonder spaties of andere tekens.',
        digitaloceanTokenRequired: 'Plak het API-token van DigitalOcean.',
        digitaloceanTokenInvalid:
          'Plak het token precies zoals DigitalOcean het toont: minstens 20 letters, cijfers, koppeltekens, lage streepjes of punten, zonder spaties of andere tekens.',
        accessKeyIdRequired: 'Vul het toegangssleutel-ID van AWS in.',
        accessKeyIdInvalid:
          'Gebruik het toegangssleutel-ID precies zoals AWS het toont: alleen hoofdletters en cijfers, bijvoorbeeld AKIAIOSFODNN7EXAMPLE.',
        secretAccessKeyRequired: 'Plak de geheime toegangssleutel van AWS.',
        secretAccessKeyInvalid:
          'Plak de geheime toegangssleutel precies zoals AWS hem toont: letters, cijfers, +, / en =, zonder spaties.',
        nameserversRequired: 'Vul minstens één resolveradres in, of zet “Andere DNS-resolvers gebruiken” uit.',
        nameserverInvalid: 'Gebruik een IP-adres zoals 1.1.1.1 of 2606:4700:4700::1111.',
      },
    },
    plan: {
      title: 'Bekijk het plan',
      intro:
        'Dit is alles wat de installatie op {{name}} doet voor {{domain}}. Er is nog niets veranderd: de installatie begint pas als je voor Installeren kiest.',
      loading: 'Mailharbor zoekt uit wat er moet veranderen…',
      failed: 'Het plan kon niet worden gemaakt',
      installedBy: {
        mailharbor:
          'Er staat hier al een mailserver voor {{domain}} die Mailharbor heeft geïnstalleerd; de installatie maakt die af.',
        upstream:
          'Er staat hier al een mailserver voor {{domain}} die met het installatiescript van Forward Email zelf is geïnstalleerd; Mailharbor neemt die over en behoudt de wachtwoorden en sleutels.',
      },
      stepsLabel: 'Installatiestappen',
      changesLabel: 'Wijzigingen van “{{step}}”',
      state: {
        todo: 'Wordt gedaan',
        done: 'Al klaar',
        skipped: 'Niet gekozen',
      },
      change: '{{kind}} {{action}}',
      action: {
        create: 'aanmaken',
        change: 'wijzigen',
        keep: 'behouden',
        install: 'installeren',
        start: 'starten',
        skip: 'overslaan',
        remove: 'verwijderen',
        copy: 'kopiëren',
      },
      kind: {
        package: 'Pakket',
        file: 'Bestand',
        directory: 'Map',
        firewall: 'Firewallregel',
        resolver: 'DNS-resolverinstelling',
        service: 'Dienst',
        container: 'Container',
        certificate: 'Certificaat',
        secret: 'Wachtwoord of sleutel',
        schedule: 'Geplande taak',
        mailbox: 'Mailbox',
      },
      install: 'Installeren',
      installing: 'De installatie wordt gestart…',
      startFailed: 'De installatie kon niet starten',
      back: 'Terug',
    },
    install: {
      title: 'Installeren op {{name}}',
      intro:
        'Je kunt dit venster sluiten of de verbinding kwijtraken: de installatie gaat op de server gewoon door, en Mailharbor toont de voortgang weer als je terugkomt.',
      starting: 'De installatie wordt gestart…',
      stepsLabel: 'Installatiestappen',
      stepState: {
        notChosen: 'Niet gekozen',
        alreadyDone: 'Al klaar',
        waitingForYou: 'Wacht op jou',
      },
      stepLog: 'Logboek ({{count}})',
      stepLogDropped: 'Eerdere regels van deze stap worden hier niet getoond: {{count}}',
      otherLog: 'Overige meldingen ({{count}})',
      succeeded: 'Je mailserver is geïnstalleerd.',
      showAccess: 'Laat zien hoe ik inlog',
      failedHeading: 'De installatie is gestopt bij “{{step}}”',
      failedHeadingNoStep: 'De installatie is niet afgerond',
      cancelled: 'De installatie is gestopt voordat ze klaar was.',
      retryHint:
        'Opnieuw proberen gaat verder waar de installatie stopte: elke stap die al klaar is, wordt overgeslagen.',
      retry: 'Opnieuw proberen',
      retrying: 'Opnieuw aan het starten…',
      retryFailed: 'De installatie kon niet opnieuw starten',
      changeChoices: 'Terug naar je keuzes',
    },
    addressRecords: {
      title: 'Laat je domein eerst naar deze server wijzen',
      intro:
        'Let’s Encrypt controleert dat {{domain}} en de mailnamen naar deze server leiden voordat het een certificaat geeft. Voeg deze A-records toe bij de DNS-provider van je domein met het adres {{address}}; de andere records (MX, SPF, DKIM) volgen na de installatie.',
      checking: 'Deze records worden opgezocht bij de nameservers van je domein…',
      failed: 'Mailharbor kon deze records niet opzoeken',
      allCorrect: 'Elke naam wijst naar deze server: het certificaat kan worden aangevraagd.',
      notYet:
        'Nog niet elke naam wijst naar deze server. Je kunt nu installeren, maar de certificaatstap mislukt tot ze dat doen; die kun je opnieuw proberen.',
      state: 'Status',
      checkAgain: 'Opnieuw controleren',
    },
    dnsChallenge: {
      title: 'Voeg deze DNS-records toe',
      intro:
        'Let’s Encrypt moet zien dat {{domain}} van jou is voordat het een certificaat geeft. Voeg deze TXT-records toe bij de DNS-provider van je domein, wacht een paar minuten en bevestig dan hieronder.',
      introNoDomain:
        'Let’s Encrypt moet zien dat het domein van jou is voordat het een certificaat geeft. Voeg deze TXT-records toe bij de DNS-provider van je domein, wacht een paar minuten en bevestig dan hieronder.',
      type: 'Type',
      name: 'Naam',
      value: 'Waarde',
      valueNumbered: 'Waarde {{number}}',
      twoValues:
        'Beide waarden horen bij dezelfde naam: voeg twee TXT-records met deze naam toe, één met elke waarde, en laat ze allebei staan.',
      copyName: 'Naam kopiëren',
      copyValue: 'Waarde kopiëren',
      confirm: 'Ik heb deze records toegevoegd',
      confirming: 'Bezig met doorgeven…',
      wait: 'Mailharbor wacht tot je bevestigt.',
      confirmed:
        'Dank je. Mailharbor controleert nu de records en vraagt het certificaat aan; dat kan een paar minuten duren.',
      notWaiting: 'Mailharbor wacht niet meer op deze records.',
      notVisible:
        'De nameservers van je domein tonen deze records nog niet. Controleer of ze zijn opgeslagen bij je DNS-provider, wacht een paar minuten en druk nog eens op de knop.',
      continueAnyway: 'Toch doorgaan',
      confirmFailed: 'Mailharbor kon niet doorgeven dat de records zijn toegevoegd',
    },
    success: {
      title: 'Je mailserver is klaar',
      intro: 'Log met deze gegevens in op de webinterface van {{domain}} om je e-mail in te richten.',
      loading: 'De inloggegevens worden gelezen…',
      failed: 'De inloggegevens konden niet worden gelezen',
      webAddress: 'Webadres',
      username: 'Gebruikersnaam',
      password: 'Wachtwoord',
      show: 'Tonen',
      hide: 'Verbergen',
      copyUsername: 'Gebruikersnaam kopiëren',
      copyPassword: 'Wachtwoord kopiëren',
      passwordHint:
        'Bewaar dit wachtwoord op een veilige plek, bijvoorbeeld in je wachtwoordmanager. Iedereen die het heeft, kan je e-mail beheren.',
      mailClient: {
        title: 'Instellingen voor mailapps',
        intro:
          'Voor Thunderbird, Apple Mail, Outlook of de mailapp op je telefoon. De gebruikersnaam is daar het volledige e-mailadres van een mailbox.',
        protocol: 'Protocol',
        server: 'Server',
        port: 'Poort',
        security: 'Beveiliging',
        imap: 'IMAP (inkomend)',
        pop3: 'POP3 (inkomend)',
        smtp: 'SMTP (uitgaand)',
        tls: 'SSL/TLS',
        starttls: 'STARTTLS',
      },
      next: {
        title: 'Wat er nu komt',
        dns: 'Hierna komen de DNS-records: {{domain}} heeft records nodig (MX, SPF, DKIM en DMARC) die mail naar deze server sturen en andere servers hem laten vertrouwen. Zolang die er niet zijn, komt er geen mail aan.',
        dnsButton: 'De DNS-records tonen',
        backups:
          'Stel back-ups in en bewaar je herstelpakket: daarmee wordt een verloren server op een nieuwe herbouwd, met al zijn mail.',
        backupsButton: 'Back-ups instellen',
        password: 'Bewaar het wachtwoord hierboven op een veilige plek voordat je dit venster sluit.',
        forwarding: 'Deze server stuurt mail alleen door: stel in de webinterface in waarheen elk adres doorstuurt.',
      },
    },
    steps: {
      addServer: {
        title: 'Voeg je server toe',
        body: 'Vul het adres van je VPS in en hoe je erop inlogt.',
      },
      connect: {
        title: 'Verbind en controleer de server',
        body: 'Mailharbor maakt verbinding via SSH en toont de vingerafdruk van de server (de hostsleutel), zodat je kunt bevestigen dat het echt jouw server is voordat er iets naartoe gaat.',
      },
      preflight: {
        title: 'Controleer de server',
        body: 'Korte controles of de server klaar is: besturingssysteem, geheugen, schijfruimte en open mailpoorten.',
      },
      domain: {
        title: 'Kies je domein en opties',
        body: 'Het domein voor je e-mailadressen, bijvoorbeeld voorbeeld.nl, en hoe de server zijn certificaten krijgt.',
      },
      plan: {
        title: 'Bekijk het plan',
        body: 'Een duidelijk overzicht van alles wat Mailharbor op je server verandert. Jij beslist of het doorgaat.',
      },
      install: {
        title: 'Installeren',
        body: 'De mailserver wordt geïnstalleerd terwijl je de voortgang live volgt.',
      },
      dns: {
        title: 'Stel de DNS-records in',
        body: 'De records die je bij je domeinprovider toevoegt, naast wat er nu staat, en voor je gecontroleerd.',
      },
      certificates: {
        title: 'Vraag certificaten aan',
        body: 'Gratis TLS-certificaten, zodat elke verbinding met je mailserver versleuteld is.',
      },
      recoveryKit: {
        title: 'Bewaar je herstelpakket',
        body: 'Alles wat nodig is om je e-mail te herstellen als er iets misgaat. Bewaar het op een veilige plek.',
      },
      onboarding: {
        title: 'Ga aan de slag met je e-mail',
        body: 'Maak je eerste mailbox aan en stel je mailapps in op je computer en telefoon.',
      },
    },
  },
  install: {
    steps: {
      resolver: 'De DNS-resolvers instellen',
      docker: 'Docker installeren',
      packages: 'De hulpmiddelen installeren die de mailserver nodig heeft',
      firewall: 'De mail- en webpoorten openen in de firewall',
      stackFiles: 'De bestanden van de mailserver klaarzetten',
      environment: 'De instellingen, wachtwoorden en sleutels schrijven',
      dkim: 'De sleutel maken die je e-mail ondertekent (DKIM)',
      images: 'De mailserversoftware downloaden',
      certificates: 'Certificaten aanvragen',
      adoption: 'Overnemen van de eerdere installatie (geplande taken en mailboxen)',
      containers: 'De mailserver starten',
      health: 'Controleren of elke dienst antwoordt',
    },
  },
  preflight: {
    os: {
      ok: { title: 'Op de server draait {{found}}.', next: 'Mailharbor ondersteunt dit besturingssysteem.' },
      blocker: {
        title: 'Op de server draait {{found}}, en dat ondersteunt Mailharbor niet.',
        next: 'Mailharbor ondersteunt {{expected}}. Installeer de server opnieuw met een van deze systemen via het configuratiescherm van je VPS-provider. Opnieuw installeren wist alles op de server.',
      },
    },
    architecture: {
      ok: { title: 'De server heeft een {{found}}-processor.', next: 'De e-mailsoftware werkt op deze processor.' },
      blocker: {
        title: 'De server heeft een {{found}}-processor, en daarop werkt de e-mailsoftware niet.',
        next: 'Kies een VPS met een 64-bit Intel/AMD- (x86_64) of ARM-processor (aarch64).',
      },
    },
    memory: {
      ok: { title: 'De server heeft {{found}} GB geheugen.', next: 'Dat is genoeg voor je e-mail.' },
      warning: {
        title: 'De server heeft maar {{found}} GB geheugen.',
        next: 'Je e-mail heeft minstens {{minimumGb}} GB nodig en werkt beter met {{recommendedGb}} GB; met minder kan de e-mailsoftware traag worden of stoppen. Je VPS-provider kan de server meer geheugen geven, meestal met een groter pakket.',
      },
    },
    disk: {
      ok: { title: 'De server heeft {{found}} GB vrije schijfruimte.', next: 'Dat is genoeg om mee te beginnen.' },
      warning: {
        title: 'De server heeft maar {{found}} GB vrije schijfruimte op {{path}}.',
        next: 'Mailharbor raadt minstens {{minimumGb}} GB vrij aan voor de e-mailsoftware en je mail. Verwijder bestanden die je niet meer nodig hebt, of vraag je VPS-provider om een grotere schijf.',
      },
    },
    ports: {
      ok: {
        title: 'De poorten die je e-mail nodig heeft zijn vrij.',
        next: 'Niets anders op de server gebruikt de poorten {{expected}}.',
      },
      blocker: {
        title: 'Een ander programma gebruikt al poorten die je e-mail nodig heeft: {{found}}.',
        next: 'Stop of verwijder dat programma ({{processes}}) op de server, of gebruik een server waarop verder niets draait. Zolang deze poorten bezet zijn, kan je e-mail geen mail ontvangen en zijn webpagina’s niet tonen.',
      },
    },
    outboundSmtp: {
      ok: { title: 'De server kan e-mail versturen via poort 25.', next: 'De mailserver {{greetedBy}} gaf antwoord.' },
      warning: {
        title: 'De mailservers die Mailharbor probeerde, accepteerden geen verbinding op poort 25.',
        next: 'Poort 25 lijkt niet geblokkeerd, maar versturen kon niet worden bevestigd ({{targets}}). Probeer het later opnieuw; blijft het gebeuren, dan staat in de technische details wat de mailservers antwoordden.',
      },
      blocker: {
        title: 'Je provider lijkt uitgaande mail op poort 25 te blokkeren.',
        next: 'Geen enkele mailserver antwoordde op poort 25 ({{targets}}). Zonder deze poort kan je server geen e-mail afleveren bij andere mailservers. Vraag je VPS-provider om poort 25 voor deze server open te zetten; veel providers doen dat op verzoek.',
      },
    },
    ipv4: {
      ok: {
        title: 'Het IPv4-adres van de server is {{found}}.',
        next: 'De DNS-records van je domein gaan naar dit adres wijzen.',
      },
      warning: {
        title: 'De server heeft geen eigen openbaar IPv4-adres (gevonden: {{found}}).',
        next: 'Hij staat waarschijnlijk achter een router of firewall die adressen vertaalt (NAT). E-mail werkt dan alleen als de mail- en webpoorten naar deze server worden doorgestuurd; vraag het je VPS-provider.',
      },
    },
    ipv6: {
      ok: { title: 'Het IPv6-adres van de server is {{found}}.', next: 'Mail kan je server ook via IPv6 bereiken.' },
      warning: {
        title: 'De server heeft geen openbaar IPv6-adres.',
        next: 'Je e-mail werkt ook met alleen IPv4. Biedt je VPS-provider IPv6 aan, dan kun je het later in hun configuratiescherm aanzetten.',
      },
    },
    docker: {
      ok: {
        title: 'Docker op de server: {{dockerVersion}}; Docker Compose: {{composeVersion}}.',
        next: 'Dit is ter informatie; je hoeft nu niets te doen.',
      },
      warning: {
        title: 'Mailharbor kon niet nagaan of Docker is geïnstalleerd.',
        next: 'Je hoeft nu niets te doen. In de technische details staat wat er misging.',
      },
    },
    systemd: {
      ok: {
        title: 'De server gebruikt systemd.',
        next: 'Je e-mail kan vanzelf starten als de server opnieuw opstart.',
      },
      warning: {
        title: 'De server gebruikt geen systemd.',
        next: 'Zonder systemd start je e-mail misschien niet vanzelf na een herstart van de server, en moet je hem dan zelf opnieuw starten. Een gewone Ubuntu- of Debian-VPS heeft systemd; vraag het je VPS-provider als je twijfelt.',
      },
    },
    clock: {
      ok: {
        title: 'De klok van de server wordt gelijk gehouden.',
        next: 'Certificaten en mailhandtekeningen hebben de juiste tijd nodig.',
      },
      warning: {
        title: 'Mailharbor kon niet bevestigen dat de klok van de server gelijk wordt gehouden.',
        next: 'Een verkeerde klok maakt certificaten en mailhandtekeningen ongeldig. Zet tijdsynchronisatie aan op de server (bijvoorbeeld met “timedatectl set-ntp true”), of vraag het je VPS-provider.',
      },
    },
    backups: {
      ok: {
        title: 'Back-ups kunnen restic {{version}} gebruiken, met compressie.',
        next: 'restic maakt de versleutelde back-ups van je mail; Mailharbor installeert het wanneer je back-ups instelt.',
      },
      warning: {
        title: 'restic is op deze server ouder dan 0.14, of ontbreekt ({{version}}).',
        next: 'restic maakt de back-ups. Een oudere versie werkt nog, maar slaat ze zonder compressie op, dus ze nemen meer ruimte in en uploaden trager. Debian 12 en Ubuntu 24.04 hebben 0.14 of nieuwer.',
      },
    },
  },
};

/** Both languages of these texts, for i18n/resources.ts. */
export const setupTexts = { en: setupEn, nl: setupNl };
