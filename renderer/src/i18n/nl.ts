import type { Messages } from './en';

/** Dutch, in the informal "je" form that modern Dutch software uses. */
export const nl: Messages = {
  app: {
    name: 'Mailharbor',
    tagline: 'Je eigen mailserver',
    loading: 'Mailharbor wordt gestart…',
    skipToContent: 'Naar de inhoud',
  },
  serverGate: {
    goToServers: 'Naar Servers',
  },
  nav: {
    label: 'Hoofdmenu',
    servers: 'Servers',
    setup: 'Installatie',
    dashboard: 'Dashboard',
    settings: 'Instellingen',
  },
  servers: {
    title: 'Servers',
    intro: 'De virtuele servers (VPS) waarop Mailharbor je e-mail installeert en beheert.',
    emptyTitle: 'Nog geen servers',
    emptyBody:
      'Als je een server toevoegt, maakt Mailharbor via een beveiligde SSH-verbinding contact met een VPS die je bij een hostingprovider huurt. Mailharbor controleert eerst of het echt jouw server is, installeert daar dan je e-mail en houdt die in de gaten.',
    emptyNeeds:
      'Je hebt het adres van de server nodig (IP-adres of hostnaam), een gebruikersnaam en een wachtwoord of SSH-sleutel.',
    add: 'Server toevoegen',
    noServerYet: 'Ik heb nog geen server',
    listLabel: 'Je servers',
    loading: 'Je servers worden geladen…',
    loadFailed: 'Je servers konden niet worden getoond',
    sidebarLabel: '{{name}}: {{status}}. Servers tonen',
    status: {
      disconnected: 'Niet verbonden',
      connecting: 'Verbinden…',
      connected: 'Verbonden',
      reconnecting: 'Opnieuw verbinden…',
      failed: 'Verbinding mislukt',
    },
    agentVersion: 'Mailharbor-hulpprogramma',
    processor: 'Processortype',
    rootAccessLabel: 'Beheerdersrechten',
    rootAccess: {
      root: 'Ingelogd als root',
      sudo: 'Via sudo',
      sudoPassword: 'Via sudo, met een wachtwoord',
    },
    connectingHint:
      'Mailharbor maakt verbinding en zet zijn hulpprogramma op de server. De eerste keer kan dat een minuutje duren.',
    reconnectingHint: 'De verbinding viel weg. Mailharbor maakt vanzelf opnieuw verbinding.',
    hostKeyChanged: {
      heading: 'Maak voorlopig geen verbinding met deze server.',
      body: 'Zijn identiteit (hostsleutel) is niet meer dezelfde als die Mailharbor eerder zag. Heeft je provider de server niet opnieuw geïnstalleerd, dan probeert iemand misschien de verbinding te onderscheppen om je wachtwoorden en e-mail mee te lezen. Mailharbor blijft weigeren om verbinding te maken. Is de server bewust opnieuw geïnstalleerd, verwijder hem dan hier en voeg hem opnieuw toe.',
    },
    connectFailed: 'Mailharbor kon geen verbinding maken met deze server',
    identityRefused: 'Verbinding geweigerd, voor je veiligheid',
    actionFailed: {
      connect: 'Mailharbor kon geen verbinding maken met deze server',
      disconnect: 'De verbinding met de server kon niet worden verbroken',
      remove: 'De server kon niet worden verwijderd',
      sudoPassword: 'Het wachtwoord kon niet worden gebruikt',
      test: 'De verbindingstest kon niet starten',
    },
    connect: 'Verbinden',
    disconnect: 'Verbinding verbreken',
    remove: 'Verwijderen…',
    runTest: 'Verbindingstest uitvoeren',
    testStarting: 'Test wordt gestart…',
    connectionTest: 'Verbindingstest',
  },
  addServer: {
    pageTitle: 'Server toevoegen',
    intro:
      'Vertel Mailharbor waar je VPS staat en hoe je erop inlogt. Je vindt deze gegevens in de welkomstmail of het configuratiescherm van je VPS-provider.',
    noServerYet: 'Heb je nog geen VPS?',
    noServerYetAction: 'Maak een sleutel klaar voor een nieuwe server',
    title: 'Gegevens van de server',
    fixProblems: 'Sommige gegevens hebben je aandacht nodig ({{count}}). Ze zijn hieronder gemarkeerd.',
    name: 'Naam',
    nameHint: 'Alleen voor jou, om de server in Mailharbor te herkennen. Bijvoorbeeld “Mailserver”.',
    host: 'Adres',
    hostHint: 'Het adres van je VPS, bijvoorbeeld 203.0.113.10 of vps.example.com.',
    port: 'SSH-poort',
    portHint: 'Meestal 22.',
    username: 'Gebruikersnaam',
    usernameHint:
      'De gebruiker waarmee je inlogt, meestal root. Sommige providers gebruiken een andere naam, zoals ubuntu of debian.',
    methodLegend: 'Hoe je inlogt',
    method: {
      password: 'Wachtwoord',
      passwordHint: 'Het wachtwoord van je VPS-provider.',
      privateKey: 'SSH-sleutel',
      privateKeyHint: 'Een bestand met een privésleutel, bijvoorbeeld id_ed25519. Veiliger dan een wachtwoord.',
      agent: 'SSH-agent',
      agentHint: 'Gebruik de sleutels die al in de SSH-agent op deze computer geladen zijn (ssh-agent of Pageant).',
      keyboardInteractive: 'Vragen van de server beantwoorden',
      keyboardInteractiveHint: 'Voor servers die bij elke login om een wachtwoord of eenmalige code vragen.',
    },
    password: 'Wachtwoord',
    privateKey: 'Privésleutel',
    privateKeyHint:
      'Plak de privésleutel of kies het bestand. Hij begint met “-----BEGIN”. Gebruik niet het bestand dat op .pub eindigt.',
    chooseKeyFile: 'Sleutelbestand kiezen…',
    keyFileRead: 'Gelezen uit {{fileName}}.',
    keyFromNewServer: 'De nieuwe sleutel is ingevuld.',
    passphrase: 'Wachtzin (als de sleutel er een heeft)',
    passphraseHint: 'Laat dit leeg als je sleutel niet met een wachtzin beveiligd is.',
    keyboardInteractiveNote:
      'Als je verbinding maakt, toont Mailharbor de vragen van de server en stuurt het je antwoorden door.',
    sudoPassword: 'Wachtwoord voor sudo (optioneel)',
    sudoPasswordHint:
      'Mailharbor heeft beheerdersrechten nodig. Moet deze gebruiker voor sudo een wachtwoord typen, vul het dan hier in. Je kunt het ook leeg laten; Mailharbor vraagt erom als het nodig is.',
    failed: 'De server is niet toegevoegd',
    submit: 'Server toevoegen',
    adding: 'Bezig met toevoegen…',
    cancel: 'Annuleren',
    nothingSent:
      'Er wordt nog niets naar de server gestuurd: Mailharbor laat je eerst zijn identiteit zien als je verbinding maakt.',
    problems: {
      nameRequired: 'Geef de server een naam die je herkent.',
      hostRequired: 'Vul het adres van je server in.',
      hostInvalid:
        'Gebruik een IP-adres zoals 203.0.113.10 of een hostnaam zoals vps.example.com, zonder http:// of spaties.',
      portInvalid: 'Gebruik een poortnummer van 1 tot en met 65535. Weet je het niet zeker, gebruik dan 22.',
      usernameRequired: 'Vul de gebruikersnaam in, bijvoorbeeld root.',
      usernameInvalid: 'Gebruik de inlognaam op de server, bijvoorbeeld root of ubuntu, zonder spaties.',
      passwordRequired: 'Vul het wachtwoord in.',
      privateKeyRequired: 'Plak je privésleutel of kies het sleutelbestand.',
      privateKeyIsPublic:
        'Dit is een openbare sleutel (hij begint met ssh-). Gebruik de privésleutel: het bestand zonder .pub.',
      privateKeyUnreadable:
        'Dit is geen SSH-privésleutel die Mailharbor kan lezen. Kies het bestand met de privésleutel (niet het bestand dat op .pub eindigt).',
      passphraseRequired: 'Deze sleutel is beveiligd met een wachtzin. Vul die hier in.',
      passphraseWrong: 'Deze wachtzin ontgrendelt de sleutel niet. Let op hoofdletters en probeer het opnieuw.',
      rejected: 'Mailharbor kon deze waarde niet accepteren. Controleer hem en probeer het opnieuw.',
    },
  },
  newServer: {
    title: 'Een nieuwe VPS voorbereiden',
    intro:
      'Mailharbor kan een SSH-sleutel maken voor je nieuwe server. Je VPS-provider zet de sleutel op de server terwijl hij die aanmaakt, zodat je nooit een wachtwoord nodig hebt.',
    generate: 'Maak een sleutel voor mijn nieuwe server',
    generating: 'Sleutel wordt gemaakt…',
    failed: 'De sleutel kon niet worden gemaakt',
    userDataTitle: '1. Plak dit als je de VPS aanmaakt',
    userDataHint:
      'De meeste providers hebben een veld “User data” of “Cloud-init” (soms onder geavanceerde opties). Plak dit er helemaal in.',
    copyUserData: 'User data kopiëren',
    publicKeyTitle: 'Of: voeg deze openbare sleutel toe',
    publicKeyHint:
      'Vraagt je provider om een SSH-sleutel in plaats van user data, plak dan daar deze openbare sleutel.',
    copyPublicKey: 'Openbare sleutel kopiëren',
    saveTitle: '2. Bewaar een kopie van de privésleutel',
    saveHint:
      'Met deze sleutel open je je server. Bewaar hem ({{fileName}}) op een veilige plek, zoals je wachtwoordmanager. Iedereen die hem heeft, kan inloggen op je server.',
    download: 'Privésleutel opslaan…',
    nextTitle: '3. Voeg de server hieronder toe',
    nextHint:
      'De sleutel is hieronder al ingevuld. Zodra je provider laat zien dat de VPS draait, vul je het IP-adres in en voeg je hem toe.',
  },
  hostKey: {
    title: 'Is dit echt jouw server?',
    otherTypeTitle: 'Let op: deze server toont een ander soort identiteit',
    intro:
      'Mailharbor maakt voor het eerst verbinding met {{name}} ({{address}}). Elke server heeft een unieke vingerafdruk. Controleer, voordat Mailharbor je wachtwoord of sleutel stuurt, of de vingerafdruk hieronder dezelfde is als die je VPS-provider voor je server toont.',
    otherTypeWarning:
      'Mailharbor kent deze server van een ander soort sleutel ({{knownTypes}}), maar nu toont hij een {{keyType}}-sleutel. Dat kan gebeuren na een update van de server, maar het kan ook betekenen dat iemand de verbinding onderschept. Ga alleen verder als de vingerafdruk precies overeenkomt.',
    otherTypeIntro:
      'Mailharbor heeft eerder verbinding gemaakt met {{name}} ({{address}}), maar de server identificeert zich nu met een ander soort sleutel. Controleer, voordat Mailharbor je wachtwoord of sleutel stuurt, of de vingerafdruk hieronder dezelfde is als die je VPS-provider voor je server toont.',
    fingerprintLabel: 'Vingerafdruk ({{keyType}})',
    howToCheck: 'Waar je de juiste vingerafdruk vindt:',
    whereConsole:
      'In het configuratiescherm van je VPS-provider: open de console of het opstartlogboek van de server en zoek naar “SSH host key fingerprint”.',
    whereCommand: 'Of, als je al op een andere manier kunt inloggen, voer dan deze opdracht uit op de server:',
    onlyOnce: 'Mailharbor onthoudt de vingerafdruk zodra je hem vertrouwt, en waarschuwt je als hij ooit verandert.',
    cancel: 'Annuleren',
    trust: 'Vertrouwen en verbinden',
  },
  authPrompt: {
    title: 'De server vraagt je in te loggen',
    intro: 'Je server {{name}} vraagt het volgende. Je antwoorden gaan alleen naar de server.',
    answer: 'Antwoord',
    cancel: 'Annuleren',
    send: 'Versturen',
  },
  sudoPassword: {
    label: 'Wachtwoord voor sudo',
    hint: 'Het wachtwoord van je gebruiker op de server. Mailharbor bewaart het versleuteld op deze computer.',
    submit: 'Opslaan en verbinden',
    saving: 'Verbinden…',
  },
  removeServer: {
    title: '{{name}} verwijderen?',
    body: 'Mailharbor vergeet deze server, met het opgeslagen wachtwoord of de sleutel. Op de server zelf verandert niets: hij blijft draaien, en je e-mail daarop ook.',
    addAgain: 'Je kunt de server later opnieuw toevoegen.',
    cancel: 'Behouden',
    confirm: 'Verwijderen',
  },
  copy: {
    copied: 'Gekopieerd',
    failed: 'Kopiëren lukte niet; selecteer de tekst en kopieer hem zelf',
  },
  jobs: {
    outcome: {
      running: 'Bezig…',
      reattaching: 'Opnieuw verbinden om de voortgang te volgen…',
      succeeded: 'Klaar',
      failed: 'Mislukt',
      cancelled: 'Gestopt',
    },
    stepsLabel: 'Stappen',
    step: {
      pending: 'Wacht',
      running: 'Bezig',
      done: 'Klaar',
      skipped: 'Overgeslagen',
      failed: 'Mislukt',
    },
    stepRunningPercent: '{{percent}} %',
    log: 'Logboek',
    logEmpty: 'Nog niets gelogd.',
    logDropped: 'Eerdere regels worden hier niet getoond: {{count}}',
    succeeded: 'Alle stappen zijn klaar. De verbinding met je server werkt.',
    cancelled: 'De taak is gestopt voordat hij klaar was.',
    failedHeading: '{{title}} is niet afgerond',
    followFailed: 'Mailharbor is deze taak uit het oog verloren',
    cancel: 'Stoppen',
    cancelling: 'Bezig met stoppen…',
    close: 'Sluiten',
  },
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
      wait: 'De installatie wacht tot je bevestigt.',
      confirmed:
        'Dank je. Mailharbor controleert nu de records en vraagt het certificaat aan; dat kan een paar minuten duren.',
      notWaiting: 'De installatie wacht niet meer op deze records.',
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
      containers: 'De mailserver starten',
      health: 'Controleren of elke dienst antwoordt',
    },
  },
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
  dashboard: {
    title: 'Dashboard',
    intro: 'Een overzicht van de gezondheid van je mailserver.',
    emptyTitle: 'Verbind een server om de maildiensten te zien',
    emptyBody:
      'Zodra een server is ingericht, zie je hier in één oogopslag of verzenden, ontvangen en webmail werken, en krijg je een waarschuwing als er iets je aandacht nodig heeft.',
    serverLabel: 'Server',
    notConnected: '{{name}} is niet verbonden.',
    loading: 'De diensten worden gelezen…',
    loadFailed: 'De status van de diensten kon niet worden gelezen',
    notInstalled: 'Op {{name}} is nog geen mailstack geïnstalleerd.',
    goToSetup: 'Naar Inrichten',
    engineLost: 'De Docker-engine van de server antwoordt niet; de status hieronder kan verouderd zijn.',
    updatedAt: 'Live · bijgewerkt {{time}}',
    tabs: { status: 'Toestand', logs: 'Logboek', shell: 'Opdrachtregel', label: 'Dashboardweergaven' },
    summary: {
      allHealthy: 'Alle {{count}} diensten gezond',
      starting: '{{starting}} van {{count}} diensten starten',
      stopped: 'De mailstack staat stil: geen van de {{count}} diensten draait',
      problems: 'Dienst {{service}} {{issueText}}',
      more_one: ' (en nog {{count}} probleem)',
      more_other: ' (en nog {{count}} problemen)',
    },
    issue: {
      restarting: 'herstart steeds: {{restarts}} keer in {{windowMinutes}} minuten',
      dead: 'is vastgelopen',
      exited: 'is gestopt (exitcode {{exitCode}})',
      exitedNoCode: 'is gestopt',
      unhealthy: 'is niet gezond',
      missing: 'heeft geen container',
      created: 'is aangemaakt maar nooit gestart',
      paused: 'is gepauzeerd',
      starting: 'start op',
    },
    state: {
      running: 'Draait',
      restarting: 'Herstart',
      paused: 'Gepauzeerd',
      created: 'Aangemaakt',
      exited: 'Gestopt',
      dead: 'Vastgelopen',
      removing: 'Wordt verwijderd',
      missing: 'Ontbreekt',
    },
    health: { healthy: 'Gezond', unhealthy: 'Niet gezond', starting: 'Start op', none: 'Geen controle' },
    reach: { internet: 'het internet', loopback: 'alleen deze server', via443: 'via poort 443' },
    columns: {
      service: 'Dienst',
      state: 'Toestand',
      health: 'Gezondheid',
      restarts: 'Herstarts',
      uptime: 'Draait al',
      image: 'Container-image',
      cpu: 'Processor',
      memory: 'Geheugen',
      ports: 'Poorten',
      actions: 'Acties',
    },
    notExpected: 'niet gebruikt in dit profiel',
    restartsRecent: '{{recent}} in de laatste {{windowMinutes}} min',
    actions: {
      start: 'Starten',
      stop: 'Stoppen',
      restart: 'Herstarten',
      restartStack: 'Hele stack herstarten',
      startStack: 'Hele stack starten',
      serviceLabel: '{{service}}: {{action}}',
    },
    jobTitle: {
      start: '{{target}} starten',
      stop: '{{target}} stoppen',
      restart: '{{target}} herstarten',
      wholeStack: 'De hele stack',
    },
    confirm: {
      title: {
        stop: '{{target}} stoppen?',
        restart: '{{target}} herstarten?',
      },
      interrupts: {
        outgoing:
          'Als je smtp stopt, wordt er geen mail meer verstuurd tot je het weer start. Mail die apps intussen willen versturen wordt geweigerd.',
        incoming:
          'Als je mx stopt, komt er geen mail meer binnen tot je het weer start. Andere servers proberen het een tijd opnieuw, dus kort stoppen kost weinig.',
        mailboxes: 'Mailapps kunnen geen mail lezen of verplaatsen zolang {{service}} uit staat.',
        pop3: 'Mailapps die POP3 gebruiken kunnen geen mail ophalen zolang pop3 uit staat.',
        webmail: 'Webmail en de beheerpagina’s zijn onbereikbaar zolang web uit staat.',
        everything: 'Alle maildiensten liggen even stil: verzenden, ontvangen, mailapps en webmail.',
        database:
          '{{service}} bewaart gegevens die de andere diensten nodig hebben: de meeste werken niet zolang het uit staat.',
        other: '{{service}} staat stil tot je het weer start.',
      },
      restartShort: 'Een herstart duurt meestal minder dan een minuut; de diensten komen vanzelf terug.',
      confirmStop: 'Stoppen',
      confirmRestart: 'Herstarten',
      cancel: 'Annuleren',
    },
    troubleshooting: {
      title: 'Problemen oplossen',
      allRunning: 'Alle diensten die moeten draaien, draaien.',
      notRunning: 'Zou moeten draaien, maar draait niet',
      exitCode: 'Exitcode {{exitCode}}',
      oomKilled: 'Het geheugen raakte op en het systeem heeft de dienst gestopt.',
      lastLines: 'De laatste regels',
      engineError: 'Docker meldde',
      running: 'Draait nu: {{names}}',
      logsWhere:
        'De logs: het tabblad Logs hier, of op de server `docker logs <naam>` in {{dir}}. Docker bewaart de logs van elke container tot die wordt verwijderd.',
      port25Title: 'Uitgaande mail loopt vast?',
      port25Body:
        'De meeste VPS-aanbieders blokkeren uitgaande poort 25 tot je vraagt die open te zetten. smtp draait dan gewoon, maar mail naar andere servers blijft hangen en verloopt.',
      port25Check: 'Poort 25 opnieuw controleren',
      port25Checking: 'Poort 25 wordt gecontroleerd…',
      port25Dns: 'Poort 25 op de DNS-pagina',
    },
    logs: {
      services: 'Diensten',
      all: 'Alle diensten',
      tail: 'Laatste regels',
      timestamps: 'Tijdstempels',
      pause: 'Pauzeren',
      resume: 'Hervatten',
      copy: 'Kopiëren',
      copied: 'Gekopieerd',
      download: 'Downloaden',
      clear: 'Wissen',
      search: 'Zoeken in de logs',
      searchNext: 'Volgende',
      searchPrevious: 'Vorige',
      following: 'Volgt',
      paused: 'Gepauzeerd: nieuwe regels worden bewaard (tot een grens) en getoond als je hervat',
      stopped: 'Volgt niet',
      failed: 'De logs konden niet worden gevolgd',
      skipped_one: '{{count}} regel overgeslagen',
      skipped_other: '{{count}} regels overgeslagen',
      skippedTotal_one: '{{count}} regel overgeslagen omdat het scherm het niet bijhield',
      skippedTotal_other: '{{count}} regels overgeslagen omdat het scherm het niet bijhield',
      attached: '{{service}}: volgt',
      detached: '{{service}} — {{reason}}',
      reason: { stopped: 'gestopt', missing: 'geen container', unreadable: 'logs onleesbaar' },
      restartFollow: 'Opnieuw volgen',
      terminalLabel: 'Logs van de gekozen diensten',
    },
    shellMissing: 'De shell is in deze versie niet beschikbaar.',
  },

  shell: {
    opening: 'Een root-shell op de server wordt geopend…',
    open: 'Root-shell op de server. Alles wat je typt, draait als root.',
    ended: 'De shell is gestopt.',
    endedWithCode: 'De shell is gestopt (afsluitcode {{code}}).',
    reopen: 'Nieuwe shell openen',
    openFailed: 'De shell kon niet worden geopend',
    search: 'Zoeken in de uitvoer van de shell',
    terminalLabel: 'Root-shell op de server',
  },
  settings: {
    title: 'Instellingen',
    intro: 'Voorkeuren voor deze computer.',
    appearance: {
      title: 'Weergave',
      theme: 'Thema',
      system: 'Systeemstandaard',
      systemHint: 'Volgt de lichte of donkere modus van je computer.',
      light: 'Licht',
      dark: 'Donker',
    },
    language: {
      title: 'Taal',
      label: 'Taal',
      system: 'Systeemstandaard ({{language}})',
    },
    secrets: {
      title: 'Wachtwoorden op deze computer',
      weakWarning:
        'Deze computer heeft geen sleutelbos (zoals GNOME Keyring of KWallet), dus Mailharbor kan de wachtwoorden en sleutels die je opgeeft niet versleutelen. Zonder versleuteling kan iedereen die je bestanden kan lezen ze ook lezen.',
      label: 'Wachtwoorden bewaren',
      refuse: 'Geen wachtwoorden bewaren',
      refuseHint: 'Het veiligst. Installeer een sleutelbos en start Mailharbor opnieuw om ze versleuteld te bewaren.',
      allow: 'Zonder versleuteling bewaren',
      allowHint: 'Alleen op een computer die alleen jij gebruikt.',
    },
    secretStorage: {
      'os-keychain': 'Versleuteld in de sleutelhanger van je systeem',
      'key-file': 'Versleuteld met een sleutel die alleen jouw gebruiker kan lezen',
      weak: 'Geen sleutelbos: niet versleuteld',
    },
    about: {
      title: 'Over Mailharbor',
      version: 'Versie',
      platform: 'Systeem',
      secretStorage: 'Wachtwoorden',
    },
    saving: 'Opslaan…',
    saved: 'Opgeslagen',
  },
  languageNames: {
    en: 'English',
    nl: 'Nederlands',
  },
  platforms: {
    darwin: 'macOS',
    win32: 'Windows',
    linux: 'Linux',
    other: 'Anders',
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
  },
  errorNotice: {
    retry: 'Opnieuw proberen',
    retrying: 'Bezig met opnieuw proberen…',
    details: 'Technische details',
    code: 'Foutcode',
  },
  loadFailed: 'Mailharbor kon niet starten',
  saveFailed: 'Je wijziging is niet opgeslagen',
  errors: {
    'contract.unknownChannel': {
      title: 'Mailharbor vroeg om iets wat het niet kent ({{name}}).',
      next: 'Dit is een fout in Mailharbor. Start de app opnieuw; blijft het gebeuren, meld het dan met de technische details hieronder.',
    },
    'contract.invalidInput': {
      title: 'Mailharbor stuurde gegevens die niet werden geaccepteerd ({{fields}}).',
      next: 'Dit is een fout in Mailharbor. Start de app opnieuw; blijft het gebeuren, meld het dan met de technische details hieronder.',
    },
    'contract.invalidOutput': {
      title: 'Mailharbor kreeg een antwoord dat het niet begreep ({{name}}).',
      next: 'Probeer het opnieuw. Blijft het gebeuren, start de app dan opnieuw en meld het met de technische details hieronder.',
    },
    'transport.disconnected': {
      title: 'De verbinding met de achtergronddienst van Mailharbor is verbroken.',
      next: 'Mailharbor maakt zelf opnieuw verbinding. Probeer het zo nog eens.',
    },
    'transport.refused': {
      title: 'De achtergronddienst van Mailharbor weigerde de verbinding.',
      next: 'Sluit dit venster en open Mailharbor opnieuw. Gebruik in een browser de link die Mailharbor bij het starten liet zien.',
    },
    'settings.unreadable': {
      title: 'Je instellingen konden niet worden gelezen.',
      next: 'Probeer het opnieuw. Blijft het gebeuren, start Mailharbor dan opnieuw; je instellingen worden dan teruggezet naar de standaardwaarden.',
    },
    'ssh.invalidTarget': {
      title: 'Het serveradres of de gebruikersnaam is ongeldig.',
      next: 'Controleer het adres (een IP-adres of een hostnaam zoals mail.voorbeeld.nl), de poort (meestal 22) en de gebruikersnaam, en probeer het opnieuw.',
    },
    'ssh.hostNotFound': {
      title: 'De server {{host}} is niet gevonden.',
      next: 'Controleer of het adres goed is gespeld. Een hostnaam bestaat misschien nog niet of wordt nog via DNS verspreid; het IP-adres van je VPS-provider werkt altijd.',
    },
    'ssh.refused': {
      title: 'De server {{host}} weigerde de verbinding op poort {{port}}.',
      next: 'Controleer of de poort klopt (meestal 22) en of SSH draait. Ook de firewallinstellingen bij je VPS-provider kunnen de verbinding blokkeren.',
    },
    'ssh.unreachable': {
      title: 'De server {{host}} is vanaf deze computer niet bereikbaar.',
      next: 'Controleer je internetverbinding en of de server aanstaat in het configuratiescherm van je VPS-provider, en probeer het opnieuw.',
    },
    'ssh.timeout': {
      title: 'De server reageerde niet op tijd.',
      next: 'Controleer of de server draait en of de firewall bij je VPS-provider SSH toelaat, en probeer het opnieuw.',
    },
    'ssh.authFailed': {
      title: 'De server accepteerde de inlog voor {{username}} op {{host}} niet.',
      next: 'Controleer de gebruikersnaam en het wachtwoord of de SSH-sleutel. In de welkomstmail van je VPS-provider staan meestal de juiste gegevens.',
    },
    'ssh.passphraseRequired': {
      title: 'Je SSH-sleutel is beveiligd met een wachtwoordzin.',
      next: 'Vul de wachtwoordzin van de sleutel in en probeer het opnieuw.',
    },
    'ssh.badPassphrase': {
      title: 'De wachtwoordzin van je SSH-sleutel klopt niet.',
      next: 'Vul de wachtwoordzin opnieuw in en let op hoofdletters.',
    },
    'ssh.keyUnreadable': {
      title: 'Het bestand met de SSH-sleutel kon niet worden gelezen.',
      next: 'Kies het bestand met de privésleutel (niet het bestand dat eindigt op .pub) en controleer of het een geldige SSH-sleutel is.',
    },
    'ssh.agentMissing': {
      title: 'Er draait geen SSH-agent op deze computer.',
      next: 'Start je SSH-agent, of kies in plaats daarvan een sleutelbestand of een wachtwoord, en probeer het opnieuw.',
    },
    'ssh.hostKeyChanged': {
      title: 'De identiteit van {{host}} is veranderd sinds je laatste verbinding.',
      next: 'Mailharbor is gestopt om je te beschermen. Dit gebeurt als een server opnieuw is geïnstalleerd, maar het kan ook betekenen dat iemand de verbinding onderschept. Ga pas verder als je weet waarom: vraag je VPS-provider of de server opnieuw is geïnstalleerd. Nieuwe vingerafdruk: {{fingerprint}}.',
    },
    'ssh.hostKeyRevoked': {
      title: 'De identiteit van {{host}} is gemarkeerd als niet te vertrouwen.',
      next: 'Mailharbor maakt geen verbinding met een server waarvan de sleutel is ingetrokken. Neem contact op met de beheerder van de server.',
    },
    'ssh.hostKeyRejected': {
      title: 'De verbinding is gestopt omdat de identiteit van de server niet is bevestigd.',
      next: 'Maak opnieuw verbinding en bevestig de vingerafdruk als die overeenkomt met wat je VPS-provider laat zien.',
    },
    'ssh.disconnected': {
      title: 'De verbinding met de server is verbroken.',
      next: 'Controleer je internetverbinding en probeer het opnieuw. Je server blijft gewoon draaien.',
    },
    'servers.notFound': {
      title: 'Deze server staat niet meer in de lijst van Mailharbor.',
      next: 'Misschien is hij in een ander venster verwijderd. Voeg hem opnieuw toe als je hem nog nodig hebt.',
    },
    'vault.consentRequired': {
      title: 'Deze computer heeft geen sleutelbos om je wachtwoorden versleuteld te bewaren.',
      next: 'Installeer en ontgrendel een sleutelbos (bijvoorbeeld GNOME Keyring of KWallet), of sta in Instellingen toe dat Mailharbor wachtwoorden zonder sleutelbos bewaart.',
    },
    'agent.unsupportedArch': {
      title: 'Mailharbor kan niet draaien op dit soort serverprocessor ({{machine}}).',
      next: 'Kies een VPS met een 64-bits Intel/AMD- (x86_64) of ARM-processor (aarch64).',
    },
    'agent.installFailed': {
      title: 'Mailharbor kon zijn hulpprogramma niet op de server zetten.',
      next: 'Controleer of de server nog wat vrije schijfruimte heeft en probeer het opnieuw. Verder is er niets op de server veranderd.',
    },
    'agent.startFailed': {
      title: 'Het hulpprogramma van Mailharbor startte niet op de server.',
      next: 'Probeer het opnieuw. Blijft het mislukken, dan staat in de technische details wat de server meldde.',
    },
    'sudo.passwordRequired': {
      title: 'Voor beheerdersrechten op de server is een wachtwoord nodig.',
      next: 'Vul het wachtwoord van je gebruiker op de server in, zodat Mailharbor met sudo je e-mail kan installeren en beheren.',
    },
    'sudo.wrongPassword': {
      title: 'De server accepteerde het wachtwoord voor beheerdersrechten (sudo) niet.',
      next: 'Vul het wachtwoord van je gebruiker op de server opnieuw in. Meestal is dat hetzelfde wachtwoord waarmee je inlogt.',
    },
    'sudo.notAllowed': {
      title: 'Je gebruiker op de server mag geen beheerdersrechten (sudo) gebruiken.',
      next: 'Log in als root of als een gebruiker die sudo mag gebruiken. In de welkomstmail of de hulppagina’s van je VPS-provider staat hoe dat moet.',
    },
    'agent.protocolMismatch': {
      title: 'Mailharbor en zijn hulpprogramma op de server zijn verschillende versies die niet samenwerken.',
      next: 'Verbreek de verbinding en maak opnieuw verbinding: Mailharbor zet dan de juiste versie op de server.',
    },
    'agent.handshakeRequired': {
      title: 'Het hulpprogramma van Mailharbor op de server kreeg een vraag voordat het klaar was.',
      next: 'Verbreek de verbinding en maak opnieuw verbinding. Blijft het gebeuren, meld het dan met de technische details hieronder.',
    },
    'agent.disconnected': {
      title: 'De verbinding met het hulpprogramma van Mailharbor op de server is verbroken.',
      next: 'Mailharbor maakt vanzelf opnieuw verbinding. Werk dat op de server liep, gaat door; probeer het zo opnieuw.',
    },
    'agent.invalidResult': {
      title: 'Het hulpprogramma van Mailharbor op de server gaf een antwoord dat Mailharbor niet begreep.',
      next: 'Verbreek de verbinding en maak opnieuw verbinding. Blijft het gebeuren, meld het dan met de technische details hieronder.',
    },
    'agent.internal': {
      title: 'Er ging iets mis in het hulpprogramma van Mailharbor op de server.',
      next: 'Probeer het opnieuw. Blijft het gebeuren, meld het dan met de technische details hieronder.',
    },
    'rpc.parseError': {
      title: 'Het hulpprogramma van Mailharbor op de server kreeg een bericht dat het niet kon lezen.',
      next: 'Verbreek de verbinding en maak opnieuw verbinding. Blijft het gebeuren, meld het dan met de technische details hieronder.',
    },
    'rpc.invalidRequest': {
      title: 'Het hulpprogramma van Mailharbor op de server kreeg een verzoek dat het niet kon lezen.',
      next: 'Dit is een fout in Mailharbor. Meld het met de technische details hieronder.',
    },
    'rpc.methodNotFound': {
      title: 'Het hulpprogramma van Mailharbor op de server kent dit verzoek niet.',
      next: 'Verbreek de verbinding en maak opnieuw verbinding, zodat Mailharbor de passende versie op de server zet.',
    },
    'rpc.invalidParams': {
      title: 'Het hulpprogramma van Mailharbor op de server accepteerde de gegevens van een verzoek niet.',
      next: 'Dit is een fout in Mailharbor. Meld het met de technische details hieronder.',
    },
    'rpc.lineTooLong': {
      title: 'Een bericht tussen Mailharbor en de server was te groot.',
      next: 'Probeer het opnieuw. Blijft het gebeuren, meld het dan met de technische details hieronder.',
    },
    'rpc.cancelled': {
      title: 'Het verzoek aan de server is geannuleerd.',
      next: 'Probeer het opnieuw als je het nog nodig hebt.',
    },
    'jobs.lockHeld': {
      title: 'De server is bezig met een andere taak.',
      next: 'Wacht tot die andere taak klaar is en probeer het dan opnieuw.',
    },
    'jobs.notFound': {
      title: 'Deze taak is niet bekend op de server.',
      next: 'Misschien is hij opgeruimd. Start hem opnieuw als je hem nog nodig hebt.',
    },
    'jobs.startFailed': {
      title: 'De taak kon niet worden gestart op de server.',
      next: 'Probeer het opnieuw. Blijft het mislukken, dan staat in de technische details wat de server meldde.',
    },
    'jobs.lost': {
      title: 'De taak stopte onverwacht op de server.',
      next: 'Misschien is de server herstart. Start de taak opnieuw: stappen die al klaar waren, worden overgeslagen.',
    },
    'jobs.retryMismatch': {
      title: 'Deze taak kan niet verdergaan waar de vorige poging stopte.',
      next: 'Start de taak opnieuw vanaf het begin.',
    },
    'jobs.stillRunning': {
      title: 'Deze taak loopt nog op de server.',
      next: 'Wacht tot hij klaar is, of stop hem eerst.',
    },
    'jobs.journalCorrupt': {
      title: 'De voortgangsgegevens van deze taak op de server zijn beschadigd.',
      next: 'Start de taak opnieuw. Blijft het gebeuren, meld het dan met de technische details hieronder.',
    },
    'jobs.stepFailed': {
      title: 'Een stap van deze taak is mislukt op de server.',
      next: 'In de technische details staat wat er misging. Probeer het opnieuw: stappen die al klaar waren, worden overgeslagen.',
    },
    'diagnostics.failedOnPurpose': {
      title: 'Teststap {{step}} is expres mislukt.',
      next: 'Dit test hoe Mailharbor fouten toont. Probeer het opnieuw om verder te gaan waar het stopte.',
    },
    'stack.commandFailed': {
      title: 'Een opdracht van de installatie is mislukt op de server.',
      next: 'Probeer het opnieuw: elke stap die al klaar is, wordt overgeslagen. In de technische details staat wat de server meldde.',
    },
    'stack.invalidOptions': {
      title: 'De server accepteerde de installatiekeuzes niet.',
      next: 'Ga terug naar je keuzes, controleer ze en probeer het opnieuw.',
    },
    'stack.domainMismatch': {
      title: 'De mailserver op deze server is voor een ander domein geïnstalleerd.',
      next: 'Een geïnstalleerde mailserver houdt zijn domein. Gebruik het domein waarmee hij is geïnstalleerd, of gebruik een andere server voor dit domein.',
    },
    'stack.envUnreadable': {
      title: 'De instellingen van de geïnstalleerde mailserver konden niet worden gelezen.',
      next: 'Het instellingenbestand (.env in de map van de mailserver) ontbreekt of is beschadigd. In de technische details staat welk bestand en waarom.',
    },
    'stack.dkimKeyInvalid': {
      title: 'De sleutel die je e-mail ondertekent (DKIM) is op de server niet bruikbaar ({{file}}).',
      next: 'Mailharbor laat hem ongemoeid. Zet de oorspronkelijke sleutel terug, of verplaats het bestand zodat er een nieuwe sleutel wordt gemaakt; het DKIM-record van je domein in DNS moet dan worden bijgewerkt. In de technische details staat wat er mis mee is.',
    },
    'stack.notInstalled': {
      title: 'Er is nog geen mailserver op deze server geïnstalleerd.',
      next: 'Voer eerst de installatie uit; de inloggegevens verschijnen als die klaar is.',
    },
    'stack.releaseFeedFailed': {
      title: 'Mailharbor kon niet achterhalen welke versie van de mailserversoftware geïnstalleerd moet worden.',
      next: 'De server kon de lijst met versies niet lezen. Controleer de internetverbinding van de server en probeer het opnieuw.',
    },
    'stack.dockerInstallFailed': {
      title: 'Docker kon niet op de server worden geïnstalleerd.',
      next: 'Controleer de internetverbinding en de vrije schijfruimte van de server en probeer het opnieuw. In de technische details staat wat het pakketbeheer meldde.',
    },
    'stack.dockerNotRunning': {
      title: 'Docker is geïnstalleerd, maar draait niet op de server.',
      next: 'Probeer het opnieuw. Als het blijft mislukken, herstart je de server via het configuratiescherm van je VPS-provider en probeer je het opnieuw.',
    },
    'stack.engineError': {
      title: 'Docker op de server gaf een foutmelding.',
      next: 'Probeer het zo opnieuw. Als het blijft mislukken, staat in de technische details wat Docker meldde.',
    },
    'stack.firewallFailed': {
      title: 'De firewall op de server kon niet worden ingesteld voor je e-mail.',
      next: 'Probeer het opnieuw. Als er een ander firewallprogramma op de server draait, staat in de technische details wat er misging.',
    },
    'stack.certificateFailed': {
      title: 'De certificaten voor je domein konden niet worden verkregen.',
      next: 'Controleer of je domein naar deze server wijst (bij de automatische methode) of dat het token de DNS-records mag wijzigen, en probeer het opnieuw.',
    },
    'stack.dnsChallengeTimeout': {
      title: 'De DNS-records voor het certificaat werden niet op tijd gevonden.',
      next: 'Controleer de TXT-records bij je DNS-provider (naam en waarde precies zoals getoond), wacht een paar minuten en probeer het opnieuw.',
    },
    'stack.unhealthy': {
      title: 'De mailserver is gestart, maar niet elk onderdeel antwoordt.',
      next: 'Probeer het over een paar minuten opnieuw: de eerste keer starten kan traag zijn. In de technische details staat welk onderdeel niet antwoordt.',
    },
    'shell.tooMany': {
      title: 'Er staan te veel shells open.',
      next: 'Sluit een shell-tabblad dat je niet meer gebruikt (hoogstens {{perServer}} per server en {{total}} in totaal) en probeer het opnieuw.',
    },
    internal: {
      title: 'Er ging iets mis in Mailharbor.',
      next: 'Probeer het opnieuw. Blijft het gebeuren, start de app dan opnieuw en meld het met de technische details hieronder.',
    },
  },
};
