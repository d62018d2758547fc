import { updatesEn } from './updates.en';

/** Dutch texts: the updates feature, in the shape of the English ones. */
const updatesNl: typeof updatesEn = {
  updates: {
    title: 'Versie van de mailserver',
    running: 'Draait {{version}}',
    notPinned:
      'Geïnstalleerd vanuit een versie die haar images niet precies noemt. De eerste update legt elk image vast, zodat latere updates en terugdraaien precies kloppen.',
    upToDate: 'Dit is de nieuwste versie.',
    feedFailed: 'De lijst met nieuwe versies kon niet worden gelezen',
    startFailed: 'De update kon niet beginnen',
    offered: 'Nieuwe versies',
    published: 'uitgebracht {{date}}',
    notes: 'Wat is er nieuw',
    migrates:
      'Deze versie verandert je opgeslagen maildata. Mislukt ze, dan is teruggaan naar de oude versie alleen niet genoeg: Mailharbor zet dan ook de back-up van vlak voor de update terug (mail die intussen binnenkwam, wordt apart bewaard, niet weggegooid). Daarom draait ze nooit zonder back-up en nooit vanzelf ’s nachts.',
    notPinnedRelease:
      'Deze versie noemt haar images niet precies, dus Mailharbor kan haar niet controleren en installeert haar niet.',
    updateNow: 'Updaten naar {{version}}',
    confirm: {
      title: 'Updaten naar {{version}}?',
      body: 'Mailharbor maakt eerst een back-up, downloadt en controleert dan de nieuwe versie en start die. Mail is een paar seconden onbereikbaar; verzendende servers proberen het vanzelf opnieuw. Werkt de nieuwe versie niet, dan gaat de server vanzelf terug naar {{running}}.',
      go: 'Nu updaten',
      cancel: 'Niet nu',
    },
    withoutBackup: {
      offer: 'Updaten zonder back-up',
      body: 'Doe dit alleen als je aanvaardt dat een mislukte update niet met een back-up ongedaan kan worden gemaakt. De versie die nu draait blijft bewaard om automatisch terug te gaan.',
    },
    jobTitle: 'Update naar {{version}}',
    last: {
      updated: 'Bijgewerkt van {{from}} naar {{to}}, {{age}}. Mail was {{seconds}} s onbereikbaar.',
      rolledBack:
        'De update naar {{to}}, {{age}}, werkte niet ({{services}}); de server is vanzelf teruggegaan naar {{from}}.',
      restoredBack:
        'De update naar {{to}} {{age}} werkte niet ({{services}}); die verandert opgeslagen gegevens, dus de server is teruggegaan naar {{from}} en naar de back-up van vlak ervoor. De gegevens die ze achterliet, worden bewaard op de pagina Back-ups.',
      rollbackFailed:
        'De update naar {{to}}, {{age}}, is mislukt en teruggaan lukte ook niet. Zet op de pagina Back-ups de back-up terug die ervoor is gemaakt.',
      failed: 'De update naar {{to}}, {{age}}, is niet begonnen; er is niets veranderd.',
      cancelled: 'De update naar {{to}}, {{age}}, is geannuleerd.',
    },
    auto: {
      title: 'Nachtelijke update',
      enable: '’s Nachts vanzelf updaten',
      time: 'Om (tijd van de server)',
      hint: 'Neemt de nieuwste versie die je opgeslagen data niet verandert, maakt eerst een back-up en gaat vanzelf terug als de nieuwe versie niet werkt. Versies die opgeslagen data veranderen wachten altijd op jou.',
      save: 'Opslaan',
      saving: 'Bezig met opslaan…',
      failed: 'De nachtelijke update kon niet worden opgeslagen',
    },
    trigger: {
      schedule: 'nachtelijke update',
    },
    previousKept: 'De instellingen van {{version}} blijven op de server bewaard om terug te kunnen gaan.',
  },
};

/** Both languages of these texts, for i18n/resources.ts. */
export const updatesTexts = { en: updatesEn, nl: updatesNl };
