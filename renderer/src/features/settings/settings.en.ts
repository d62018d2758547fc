/** English texts: the settings feature. The shape every other language must match. */
export const settingsEn = {
  settings: {
    title: 'Settings',
    intro: 'Preferences for this computer.',
    appearance: {
      title: 'Appearance',
      theme: 'Theme',
      system: 'System default',
      systemHint: 'Follows your computer’s light or dark mode.',
      light: 'Light',
      dark: 'Dark',
    },
    language: {
      title: 'Language',
      label: 'Language',
      system: 'System default ({{language}})',
    },
    secrets: {
      title: 'Passwords on this computer',
      weakWarning:
        'This computer has no keyring (such as GNOME Keyring or KWallet), so Mailharbor cannot encrypt the passwords and keys you give it. Without encryption, anyone who can read your files could read them too.',
      label: 'Storing passwords',
      refuse: 'Do not store passwords',
      refuseHint: 'Safest. Install a keyring and restart Mailharbor to store them encrypted.',
      allow: 'Store them without encryption',
      allowHint: 'Only on a computer that you alone use.',
    },
    secretStorage: {
      'os-keychain': 'Encrypted in your system keychain',
      'key-file': 'Encrypted with a key only your user can read',
      weak: 'No keyring: not encrypted',
    },
    about: {
      title: 'About',
      version: 'Version',
      platform: 'System',
      secretStorage: 'Passwords',
    },
    saving: 'Saving…',
    saved: 'Saved',
  },
};
