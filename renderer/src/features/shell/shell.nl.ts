import { shellEn } from './shell.en';

/** Dutch texts: the shell feature (the informal "je" form that modern Dutch software uses). */
export const shellNl: typeof shellEn = {
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
};

/** Both languages of these texts, for i18n/resources.ts. */
export const shellTexts = { en: shellEn, nl: shellNl };
