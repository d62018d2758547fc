import type { Messages } from './en';

/** Dutch, in the informal "je" form that modern Dutch software uses. */
export const nl: Messages = {
  app: {
    name: 'Mailharbor',
    tagline: 'Je eigen mailserver',
    loading: 'Mailharbor wordt gestart…',
    skipToContent: 'Naar de inhoud',
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
    addUnavailable: 'Servers toevoegen kan nog niet in deze preview. Dat komt samen met de begeleide installatie.',
  },
  setup: {
    title: 'Installatie',
    intro:
      'Mailharbor begeleidt je stap voor stap bij het opzetten van je eigen mailserver. Er verandert niets op je server voordat je het plan hebt bekeken.',
    stepsLabel: 'Stappen van de begeleide installatie',
    unavailable: 'De begeleide installatie is nog niet beschikbaar in deze preview. Dit is wat ze straks doet:',
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
        body: 'Het domein voor je e-mailadressen, bijvoorbeeld voorbeeld.nl, en een paar keuzes zoals back-ups.',
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
  dashboard: {
    title: 'Dashboard',
    intro: 'Een overzicht van de gezondheid van je mailserver.',
    emptyTitle: 'Verbind een server om de maildiensten te zien',
    emptyBody:
      'Zodra een server is ingericht, zie je hier in één oogopslag of verzenden, ontvangen en webmail werken, en krijg je een waarschuwing als er iets je aandacht nodig heeft.',
    goToServers: 'Naar Servers',
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
    about: {
      title: 'Over Mailharbor',
      version: 'Versie',
      platform: 'Systeem',
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
    internal: {
      title: 'Er ging iets mis in Mailharbor.',
      next: 'Probeer het opnieuw. Blijft het gebeuren, start de app dan opnieuw en meld het met de technische details hieronder.',
    },
  },
};
