import { errorsEn } from './errors.en';

/** Dutch texts: the words for every error code, by the feature that raises it (the informal "je" form that modern Dutch software uses). */
export const errorsNl: typeof errorsEn = {
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
    'jobs.notCancellable': {
      title: 'Deze stap kan niet halverwege worden gestopt ({{step}}).',
      next: 'Ze maakt zichzelf af, of zet terug wat er eerst was, binnen enkele minuten. Wacht daarop.',
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
    'stack.databaseTooNew': {
      title: 'De opgeslagen Redis-gegevens op de server zijn nieuwer dan Redis {{pinned}} kan lezen.',
      next: 'Mailharbor heeft niets veranderd. Zet {{field}} in het instellingenbestand (.env in de map van de mailserver) op {{needed}} of nieuwer en voer de installatie daarna opnieuw uit.',
    },
    'stack.storagePathInvalid': {
      title: 'De instelling SQLITE_STORAGE_PATH van de mailserver is geen gewone mapnaam.',
      next: 'Mailharbor heeft niets veranderd. Zet SQLITE_STORAGE_PATH in het instellingenbestand (.env) op een mapnaam zoals sqlite_storage en voer de installatie daarna opnieuw uit.',
    },
    'stack.fileEditedByHand': {
      title: 'Het bestand {{file}} op de server is met de hand gewijzigd, dus Mailharbor heeft het niet vervangen.',
      next: 'Jouw versie blijft zoals hij is. Wil je het bestand van deze versie van Mailharbor, zet het jouwe dan opzij (bijvoorbeeld onder dezelfde naam met .mine erachter), voer de installatie opnieuw uit en neem je wijzigingen daarna over in het nieuwe bestand.',
    },
    'stack.notEnoughDisk': {
      title:
        'Er is niet genoeg vrije schijfruimte op de server om de mailboxen van de oudere installatie over te nemen ({{freeMb}} MB vrij, {{neededMb}} MB nodig).',
      next: 'Er is niets veranderd en geen mailbox verplaatst. Maak ruimte vrij op de server (oude logs, ongebruikte images) en voer de installatie daarna opnieuw uit.',
    },
    'stack.envUnreadable': {
      title: 'De instellingen van de geïnstalleerde mailserver konden niet worden gelezen.',
      next: 'Het instellingenbestand (.env in de map van de mailserver) ontbreekt of is beschadigd. In de technische details staat welk bestand en waarom.',
    },
    'stack.envValueInvalid': {
      title: 'De instelling {{key}} van de mailserver heeft een waarde die hij niet kan gebruiken.',
      next: 'Verbeter de waarde in het instellingenbestand (.env in de map van de mailserver), bijvoorbeeld {{key}}={{example}}, of verwijder de regel om de standaardwaarde te gebruiken; voer daarna de installatie opnieuw uit. In de technische details staat hoe de waarde eruit moet zien.',
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
    'certificates.notFound': {
      title: 'Dit certificaat staat niet meer op de server.',
      next: 'Vernieuw de kaart Certificaten. Is het bewust verwijderd, dan valt er niets te vernieuwen.',
    },
    'certificates.notServed': {
      title: 'Het certificaat is vernieuwd, maar nog niet elke mailpoort gebruikt het.',
      next: 'Herstart de diensten uit de technische details vanaf het dashboard en vernieuw daarna opnieuw om het te controleren.',
    },
    'shell.tooMany': {
      title: 'Er staan te veel shells open.',
      next: 'Sluit een shell-tabblad dat je niet meer gebruikt (hoogstens {{perServer}} per server en {{total}} in totaal) en probeer het opnieuw.',
    },
    'backups.notConfigured': {
      title: 'Back-ups zijn op deze server nog niet ingesteld.',
      next: 'Open Back-ups en kies waar ze heen gaan; Mailharbor stelt de rest in.',
    },
    'backups.resticMissing': {
      title: 'restic, het programma dat de back-ups maakt, is niet geïnstalleerd op de server.',
      next: 'Voer de back-upinstelling opnieuw uit: die installeert restic uit je distributie.',
    },
    'backups.resticFailed': {
      title: 'Het back-upprogramma stopte met een fout.',
      next: 'Probeer het opnieuw. Gebeurt het weer, dan staat in de technische details wat restic meldde.',
    },
    'backups.wrongPassword': {
      title: 'Het back-upwachtwoord opent deze back-ups niet.',
      next: 'Gebruik het back-upwachtwoord uit je herstelpakket. Er is niets op de server veranderd.',
    },
    'backups.noRepository': {
      title: 'Op deze plek in de bucket staan nog geen back-ups.',
      next: 'Controleer de bucket en de map in de back-upinstellingen, of voer de back-upinstelling uit om daar nieuwe back-ups te beginnen.',
    },
    'backups.dataDamaged': {
      title: 'Een deel van de back-up in de bucket is beschadigd.',
      next: 'Er is niets op de server veranderd. Kies een ouder herstelpunt en laat de back-ups controleren: de opslagaanbieder heeft mogelijk een probleem.',
    },
    'backups.dataMissing': {
      title: 'Een deel van de back-up ontbreekt in de bucket.',
      next: 'Er is niets op de server veranderd. Kies een ander herstelpunt en controleer dat niets anders bestanden in die bucket verwijdert (bijvoorbeeld een levenscyclusregel).',
    },
    'backups.repositoryLocked': {
      title: 'Een andere back-uptaak werkt op dit moment met dezelfde back-ups.',
      next: 'Wacht tot die klaar is en probeer het dan opnieuw.',
    },
    'backups.diskFull': {
      title: 'De schijf van de server raakte vol tijdens de back-uptaak.',
      next: 'Maak ruimte vrij op de server (het Dashboard laat zien wat ruimte inneemt) en probeer het opnieuw.',
    },
    'backups.notEnoughDisk': {
      title: 'Er is niet genoeg vrije schijfruimte op de server ({{freeMb}} MB vrij, {{neededMb}} MB nodig).',
      next: 'Maak ruimte vrij op de server, of gooi de gegevens weg die een eerder herstel heeft bewaard, en probeer het opnieuw. Er is niets veranderd.',
    },
    'backups.s3WrongKey': {
      title: 'De opslagaanbieder kent deze toegangssleutel niet.',
      next: 'Kopieer de toegangssleutel-ID opnieuw uit de console van je opslagaanbieder, precies zoals die wordt getoond.',
    },
    'backups.s3SignatureMismatch': {
      title: 'De geheime toegangssleutel past niet bij de toegangssleutel.',
      next: 'Kopieer de geheime sleutel opnieuw; werd die maar één keer getoond, maak dan een nieuw sleutelpaar bij je opslagaanbieder.',
    },
    'backups.s3BucketMissing': {
      title: 'De bucket {{bucket}} bestaat niet bij deze opslagaanbieder.',
      next: 'Controleer de naam van de bucket en de regio, of laat Mailharbor de bucket aanmaken.',
    },
    'backups.s3WrongRegion': {
      title: 'De bucket staat in een andere regio dan de ingevulde.',
      next: 'Kies de regio van de bucket in de back-upinstellingen (de opslagaanbieder noemt {{expected}}).',
    },
    'backups.s3Denied': {
      title:
        'De opslagaanbieder weigert deze sleutels iets wat back-ups in de bucket moeten kunnen (lijsten, lezen, schrijven of verwijderen).',
      next: 'Geef de sleutel bij je opslagaanbieder het recht om in deze bucket te lijsten, lezen, schrijven en verwijderen.',
    },
    'backups.s3ClockSkew': {
      title:
        'De klok van de server loopt ongeveer {{seconds}} seconden verkeerd, en de opslagaanbieder weigert daarom verzoeken.',
      next: 'Zet de klok van de server goed (zet tijdsynchronisatie aan, bijvoorbeeld met timedatectl set-ntp true) en test opnieuw.',
    },
    'backups.s3Unreachable': {
      title: 'De server kan de opslag op {{endpoint}} niet bereiken.',
      next: 'Controleer het adres van het eindpunt; klopt dat, dan blokkeert het netwerk of de firewall van de server het mogelijk.',
    },
    'backups.s3Tls': {
      title: 'De server vertrouwt het certificaat van de opslag niet.',
      next: 'Controleer het adres van het eindpunt. Heeft je opslagserver een eigen certificaatautoriteit, voeg dat certificaat dan toe in de back-upinstellingen.',
    },
    'backups.s3Failed': {
      title: 'De opslagaanbieder weigerde het verzoek.',
      next: 'Probeer het opnieuw. In de technische details staat wat de opslag antwoordde.',
    },
    'backups.pointNotFound': {
      title: 'Dit herstelpunt staat niet meer in de back-ups.',
      next: 'Laad de lijst met herstelpunten opnieuw en kies een ander.',
    },
    'backups.pointIncomplete': {
      title: 'Dit herstelpunt is onvolledig: een deel is nooit afgemaakt of is verwijderd.',
      next: 'Kies een ander herstelpunt.',
    },
    'backups.verifyFailed': {
      title: 'Het herstelpunt kwam na het uitpakken niet door de controle.',
      next: 'Er is niets op de server veranderd. Kies een ander herstelpunt; in de technische details staat wat niet klopte.',
    },
    'backups.redisSnapshotFailed': {
      title: 'Redis kon geen nieuwe momentopname opslaan voor de back-up.',
      next: 'Probeer het over een paar minuten opnieuw. Blijft het gebeuren, dan zeggen de logboeken van redis op het Dashboard waarom.',
    },
    'backups.mongoDumpFailed': {
      title: 'MongoDB kon niet worden gekopieerd voor de back-up.',
      next: 'Controleer op het Dashboard dat mongodb draait en probeer het opnieuw.',
    },
    'backups.mongoRestoreFailed': {
      title: 'De gegevens van MongoDB konden niet worden teruggezet.',
      next: 'Probeer het herstel opnieuw; in de technische details staat wat mongorestore meldde.',
    },
    'backups.restoreFailed': {
      title: 'De herstelde mailserver startte niet goed, dus heeft Mailharbor de vorige gegevens teruggezet.',
      next: 'Je server draait zoals voor het herstel. Probeer een ander herstelpunt, of kijk in de technische details welk onderdeel faalde.',
    },
    'backups.pauseFailed': {
      title: 'De mailonderdelen konden niet even worden gepauzeerd om de mailboxen consistent te nemen.',
      next: 'Probeer het opnieuw. Blijft het gebeuren, controleer dan op het Dashboard dat het onderdeel {{service}} normaal draait.',
    },
    'backups.noRollback': {
      title: 'Er zijn geen eerdere gegevens van een herstel bewaard.',
      next: 'Er hoeft niets te gebeuren.',
    },
    'backups.notInstalled': {
      title: 'Op deze server is geen mailserver geïnstalleerd om een back-up van te maken of in te herstellen.',
      next: 'Installeer eerst de mailserver (bij een server die je uit een back-up herbouwt: zet eerst de instellingen terug).',
    },
    'updates.feedInvalid': {
      title: 'De lijst met versies kon niet worden gelezen ({{field}}).',
      next: 'Er is niets veranderd op de server. Probeer het later opnieuw; blijft het gebeuren, dan is de lijst zelf beschadigd.',
    },
    'updates.releaseNotFound': {
      title: 'Versie {{version}} staat niet in de lijst met versies.',
      next: 'Er is niets veranderd. Kies een van de versies die het dashboard toont.',
    },
    'updates.releaseNotPinned': {
      title: 'Versie {{version}} zegt niet precies uit welke images ze bestaat.',
      next: 'Er is niets veranderd. Mailharbor installeert alleen images die het kan controleren; wacht op een versie die ze noemt.',
    },
    'updates.notNewer': {
      title: 'Versie {{version}} is niet nieuwer dan de versie die draait ({{running}}).',
      next: 'Er is niets veranderd. Teruggaan naar een oudere versie kan je maildata beschadigen; zet liever een back-up terug als je de oude versie nodig hebt.',
    },
    'updates.databaseDowngrade': {
      title:
        'Versie {{version}} zou een oudere {{image}} draaien ({{offered}}) dan die je data nu heeft ({{running}}).',
      next: 'Er is niets veranderd. Een oudere database kan data van een nieuwere niet lezen; wacht op een versie die {{image}} op {{running}} of nieuwer houdt.',
    },
    'updates.notEnoughDisk': {
      title: 'De server heeft niet genoeg vrije schijfruimte voor de nieuwe versie ({{free}} vrij, {{needed}} nodig).',
      next: 'Er is niets veranderd. Maak ruimte vrij (tijdelijke back-upbestanden, logs, ongebruikte images) en probeer het opnieuw.',
    },
    'updates.backupFailed': {
      title: 'De back-up vóór de update is niet gelukt, dus de update is niet begonnen.',
      next: 'Er is niets veranderd. Los de back-up op (zie de pagina Back-ups), of kies “Updaten zonder back-up” als je het risico aanvaardt.',
    },
    'updates.migrationNeedsBackup': {
      title:
        'Versie {{version}} verandert je opgeslagen maildata en kan daarom niet zonder back-up worden geïnstalleerd.',
      next: 'Stel eerst back-ups in: mislukt deze update, dan kan alleen de back-up je data terugzetten zoals ze was.',
    },
    'updates.pullFailed': {
      title: 'De nieuwe versie kon niet worden gedownload.',
      next: 'Er is niets veranderd; de mailserver draait nog de oude versie. Controleer de internetverbinding van de server en probeer het opnieuw.',
    },
    'updates.digestMismatch': {
      title: 'Een gedownload image is niet het image dat de versie noemt ({{image}}).',
      next: 'Er is niets veranderd en het image wordt niet gebruikt. Dit kan betekenen dat er met de registry is geknoeid; probeer het later opnieuw.',
    },
    'updates.restoredBack': {
      title:
        'Versie {{to}} werkte niet ({{services}}). Die versie verandert opgeslagen gegevens, dus de mailserver is teruggegaan naar {{from}} en naar de back-up van vlak voor de update.',
      next: 'Je mailserver draait weer {{from}}, gezond, met de gegevens zoals ze waren in herstelpunt {{point}}. Mail die tijdens de updatepoging binnenkwam, zit daar niet in: de gegevens die de mislukte versie achterliet, worden bewaard en je kunt ze op de pagina Back-ups weggooien als alles goed is.',
    },
    'updates.rolledBack': {
      title: 'Versie {{to}} werkte niet ({{services}}), dus de mailserver is vanzelf teruggegaan naar {{from}}.',
      next: 'Je mailserver draait weer {{from}} en is gezond. De technische details tonen de laatste logregels van wat misging.',
    },
    'updates.rollbackFailed': {
      title: 'De update is mislukt, en teruggaan naar {{from}} maakte de mailserver ook niet gezond ({{services}}).',
      next: 'Zet de back-up terug die vlak vóór de update is gemaakt (pagina Back-ups, herstelpunt {{point}}).',
    },
    'kit.wrongPassphrase': {
      title: 'De wachtzin opent dit herstelpakket niet.',
      next: 'Typ de wachtzin die je koos toen je het pakket opsloeg. Kwijt is kwijt: die is niet te herstellen.',
    },
    'kit.unreadable': {
      title: 'Dit bestand is geen herstelpakket van Mailharbor, of het is beschadigd.',
      next: 'Kies het bestand van het herstelpakket (de naam eindigt op .mailharbor-kit.age).',
    },
    internal: {
      title: 'Er ging iets mis in Mailharbor.',
      next: 'Probeer het opnieuw. Blijft het gebeuren, start de app dan opnieuw en meld het met de technische details hieronder.',
    },
  },
};

/** Both languages of these texts, for i18n/resources.ts. */
export const errorsTexts = { en: errorsEn, nl: errorsNl };
