import type { ErrorCode } from '../../../electron/contract/errors';

/**
 * The English interface text, and the shape every other language must match: nl.ts is typed
 * as `Messages`, so a key missing from (or added to) a translation is a type error.
 */
export const en = {
  app: {
    name: 'Mailharbor',
    tagline: 'Your own email server',
    loading: 'Starting Mailharbor…',
    skipToContent: 'Skip to content',
  },
  nav: {
    label: 'Main',
    servers: 'Servers',
    setup: 'Setup',
    dashboard: 'Dashboard',
    settings: 'Settings',
  },
  servers: {
    title: 'Servers',
    intro: 'The virtual private servers (VPS) that Mailharbor installs your email on and looks after.',
    emptyTitle: 'No servers yet',
    emptyBody:
      'Adding a server connects Mailharbor to a VPS you rent from a hosting provider, over a secure SSH connection. Mailharbor first checks that it is really your server, then installs your email there and keeps an eye on it.',
    emptyNeeds: 'You will need the server’s address (IP address or host name), a user name, and a password or SSH key.',
    add: 'Add a server',
    addUnavailable: 'Adding servers is not available in this preview yet. It comes with the guided setup.',
  },
  setup: {
    title: 'Setup',
    intro:
      'Mailharbor will walk you through setting up your own email server, one step at a time. Nothing changes on your server until you have reviewed the plan.',
    stepsLabel: 'Steps of the guided setup',
    unavailable: 'The guided setup is not available in this preview yet. This is what it will do:',
    steps: {
      addServer: {
        title: 'Add your server',
        body: 'Enter the address of your VPS and how to sign in to it.',
      },
      connect: {
        title: 'Connect and verify the server',
        body: 'Mailharbor connects over SSH and shows the server’s fingerprint (its host key), so you can confirm it is really your server before anything is sent to it.',
      },
      preflight: {
        title: 'Check the server',
        body: 'Quick checks that the server is ready: operating system, memory, disk space and open mail ports.',
      },
      domain: {
        title: 'Choose your domain and options',
        body: 'The domain your email addresses will use, for example example.com, and a few choices such as backups.',
      },
      plan: {
        title: 'Review the plan',
        body: 'A clear list of everything Mailharbor will change on your server. You decide whether to go ahead.',
      },
      install: {
        title: 'Install',
        body: 'The mail server is installed while you watch the progress live.',
      },
      dns: {
        title: 'Set up DNS records',
        body: 'The records to add at your domain provider, shown next to what is there now, and checked for you.',
      },
      certificates: {
        title: 'Get certificates',
        body: 'Free TLS certificates, so that every connection to your mail server is encrypted.',
      },
      recoveryKit: {
        title: 'Save your recovery kit',
        body: 'Everything needed to restore your email if something goes wrong. Keep it somewhere safe.',
      },
      onboarding: {
        title: 'Start using your email',
        body: 'Create your first mailbox and connect your mail apps on your computer and phone.',
      },
    },
  },
  dashboard: {
    title: 'Dashboard',
    intro: 'An overview of your mail server’s health.',
    emptyTitle: 'Connect a server to see its mail services',
    emptyBody:
      'Once a server is set up, this page shows at a glance whether sending, receiving and webmail are working, and warns you when something needs your attention.',
    goToServers: 'Go to Servers',
  },
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
    about: {
      title: 'About',
      version: 'Version',
      platform: 'System',
    },
    saving: 'Saving…',
    saved: 'Saved',
  },
  languageNames: {
    en: 'English',
    nl: 'Nederlands',
  },
  platforms: {
    darwin: 'macOS',
    win32: 'Windows',
    linux: 'Linux',
    other: 'Other',
  },
  errorNotice: {
    retry: 'Try again',
    retrying: 'Trying again…',
    details: 'Technical details',
    code: 'Error code',
  },
  loadFailed: 'Mailharbor could not start',
  saveFailed: 'Your change was not saved',
  errors: {
    'contract.unknownChannel': {
      title: 'Mailharbor asked for something it does not know ({{name}}).',
      next: 'This is a bug in Mailharbor. Restart the app; if it keeps happening, report it with the technical details below.',
    },
    'contract.invalidInput': {
      title: 'Mailharbor sent information that was not accepted ({{fields}}).',
      next: 'This is a bug in Mailharbor. Restart the app; if it keeps happening, report it with the technical details below.',
    },
    'contract.invalidOutput': {
      title: 'Mailharbor received an answer it could not understand ({{name}}).',
      next: 'Try again. If it keeps happening, restart the app and report it with the technical details below.',
    },
    'transport.disconnected': {
      title: 'The connection to Mailharbor’s background service was lost.',
      next: 'Mailharbor reconnects by itself. Try again in a moment.',
    },
    'transport.refused': {
      title: 'Mailharbor’s background service refused the connection.',
      next: 'Close this window and open Mailharbor again. In a browser, use the link Mailharbor printed when it started.',
    },
    'settings.unreadable': {
      title: 'Your settings could not be read.',
      next: 'Try again. If it keeps happening, restart Mailharbor; your settings will be reset to the defaults.',
    },
    'ssh.invalidTarget': {
      title: 'The server address or user name is not valid.',
      next: 'Check the address (an IP address or a host name such as mail.example.com), the port (usually 22) and the user name, then try again.',
    },
    'ssh.hostNotFound': {
      title: 'The server {{host}} could not be found.',
      next: 'Check the spelling of the address. A host name may not exist yet or may still be spreading through DNS; the IP address from your VPS provider always works.',
    },
    'ssh.refused': {
      title: 'The server {{host}} refused the connection on port {{port}}.',
      next: 'Check that the port is right (usually 22) and that SSH is running. The firewall settings at your VPS provider may also block it.',
    },
    'ssh.unreachable': {
      title: 'The server {{host}} cannot be reached from this computer.',
      next: 'Check your internet connection and that the server is switched on in your VPS provider’s control panel, then try again.',
    },
    'ssh.timeout': {
      title: 'The server took too long to answer.',
      next: 'Check that the server is running and that the firewall at your VPS provider allows SSH, then try again.',
    },
    'ssh.authFailed': {
      title: 'The server did not accept the login for {{username}} on {{host}}.',
      next: 'Check the user name and the password or SSH key. Your VPS provider’s welcome email usually lists the right ones.',
    },
    'ssh.passphraseRequired': {
      title: 'Your SSH key is protected with a passphrase.',
      next: 'Enter the key’s passphrase and try again.',
    },
    'ssh.badPassphrase': {
      title: 'The passphrase for your SSH key is not correct.',
      next: 'Enter the passphrase again, paying attention to capital letters.',
    },
    'ssh.keyUnreadable': {
      title: 'The SSH key file could not be read.',
      next: 'Choose the private key file (not the one ending in .pub) and check that it is a valid SSH key.',
    },
    'ssh.agentMissing': {
      title: 'No SSH agent is running on this computer.',
      next: 'Start your SSH agent, or choose a key file or a password instead, then try again.',
    },
    'ssh.hostKeyChanged': {
      title: 'The identity of {{host}} has changed since you last connected.',
      next: 'Mailharbor stopped to protect you. This happens when a server is reinstalled, but it can also mean someone is intercepting the connection. Do not continue until you know why: ask your VPS provider whether the server was reinstalled. New fingerprint: {{fingerprint}}.',
    },
    'ssh.hostKeyRevoked': {
      title: 'The identity of {{host}} has been marked as not to be trusted.',
      next: 'Mailharbor does not connect to a server whose key was revoked. Contact whoever manages the server.',
    },
    'ssh.hostKeyRejected': {
      title: 'The connection was stopped because the server’s identity was not confirmed.',
      next: 'Connect again, and confirm the fingerprint if it matches the one your VPS provider shows.',
    },
    'ssh.disconnected': {
      title: 'The connection to the server was lost.',
      next: 'Check your internet connection and try again. Your server keeps running.',
    },
    'servers.notFound': {
      title: 'This server is no longer in Mailharbor’s list.',
      next: 'It may have been removed in another window. Add it again if you still need it.',
    },
    'vault.consentRequired': {
      title: 'This computer has no keyring to keep your passwords encrypted.',
      next: 'Install and unlock a keyring (for example GNOME Keyring or KWallet), or allow Mailharbor in Settings to store passwords without one.',
    },
    'agent.unsupportedArch': {
      title: 'Mailharbor cannot run on this kind of server processor ({{machine}}).',
      next: 'Choose a VPS with a 64-bit Intel/AMD (x86_64) or ARM (aarch64) processor.',
    },
    'agent.installFailed': {
      title: 'Mailharbor could not put its helper program on the server.',
      next: 'Check that the server has some free disk space, then try again. Nothing else on the server was changed.',
    },
    'agent.startFailed': {
      title: 'Mailharbor’s helper program did not start on the server.',
      next: 'Try again. If it keeps failing, the technical details say what the server reported.',
    },
    'sudo.passwordRequired': {
      title: 'Administrator rights on the server need a password.',
      next: 'Enter the password of your user on the server, so Mailharbor can use sudo to install and manage your email.',
    },
    'sudo.wrongPassword': {
      title: 'The server did not accept the password for administrator rights (sudo).',
      next: 'Enter the password of your user on the server again. It is usually the same password you sign in with.',
    },
    'sudo.notAllowed': {
      title: 'Your user on the server is not allowed to use administrator rights (sudo).',
      next: 'Sign in as root, or as a user that may use sudo. Your VPS provider’s welcome email or help pages explain how.',
    },
    internal: {
      title: 'Something went wrong inside Mailharbor.',
      next: 'Try again. If it keeps happening, restart the app and report it with the technical details below.',
    },
  } satisfies Record<ErrorCode, { title: string; next: string }>,
};

/** Same keys as English, every value a string: what a translation has to provide. */
export type Messages = typeof en;
