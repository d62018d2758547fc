import { serversEn } from './servers.en';

/** Dutch texts: the servers feature (the informal "je" form that modern Dutch software uses). */
export const serversNl: typeof serversEn = {
  servers: {
    title: 'Servers',
    intro: 'De virtuele servers (VPS) waarop Mailharbor je e-mail installeert en beheert.',
    emptyTitle: 'Nog geen servers',
    emptyBody:
      'Als je een server toevoegt, maakt Mailharbor via een beveiligde SSH-verbinding contact met een VPS die je bij een hostingprovider huurt. Mailharbor controleert eerst of het echt jouw server is, installeert daar dan je e-mail en houdt die in de gaten.',
    emptyNeeds:
      'Je hebt het adres van de server nodig (IP-adres of hostnaam), een gebruikersnaam en een wachtwoord of SSH-sleutel.',
    add: 'Server toevoegen',
    restoreFromBackup: 'Een server herstellen vanuit een back-up',
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
    restoreTitle: 'Een server herstellen vanuit een back-up',
    restoreIntro:
      'Server kwijt? Huur een nieuwe VPS en voeg die hier toe. Zodra Mailharbor ermee verbonden is, open je je herstelpakket op de pagina Back-ups: het zet de instellingen terug, installeert dezelfde mailserver en zet je mail terug uit de back-up.',
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
};

/** Both languages of these texts, for i18n/resources.ts. */
export const serversTexts = { en: serversEn, nl: serversNl };
