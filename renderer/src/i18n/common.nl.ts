import { commonEn } from './common.en';

/** Dutch texts: shared by every page (the informal "je" form that modern Dutch software uses). */
export const commonNl: typeof commonEn = {
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
    backups: 'Back-ups',
    settings: 'Instellingen',
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
};

/** Both languages of these texts, for i18n/resources.ts. */
export const commonTexts = { en: commonEn, nl: commonNl };
