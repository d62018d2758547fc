import { settingsEn } from './settings.en';

/** Dutch texts: the settings feature (the informal "je" form that modern Dutch software uses). */
export const settingsNl: typeof settingsEn = {
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
};

/** Both languages of these texts, for i18n/resources.ts. */
export const settingsTexts = { en: settingsEn, nl: settingsNl };
