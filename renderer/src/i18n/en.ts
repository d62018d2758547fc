import type { ErrorCode } from '../../../electron/contract/errors';
import type { PreflightCheckId, preflightChecks } from '../../../remote-agent/src/contract';
import type { AgentErrorCode } from '../../../remote-agent/src/errors';

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
    noServerYet: 'I don’t have a server yet',
    listLabel: 'Your servers',
    loading: 'Loading your servers…',
    loadFailed: 'Your servers could not be shown',
    sidebarLabel: '{{name}}: {{status}}. Show servers',
    status: {
      disconnected: 'Not connected',
      connecting: 'Connecting…',
      connected: 'Connected',
      reconnecting: 'Reconnecting…',
      failed: 'Connection failed',
    },
    agentVersion: 'Mailharbor helper',
    processor: 'Processor',
    rootAccessLabel: 'Administrator rights',
    rootAccess: {
      root: 'Logged in as root',
      sudo: 'Through sudo',
      sudoPassword: 'Through sudo, with a password',
    },
    connectingHint:
      'Mailharbor is connecting and putting its helper program on the server. The first time this can take a minute.',
    reconnectingHint: 'The connection dropped. Mailharbor is connecting again by itself.',
    hostKeyChanged: {
      heading: 'Do not connect to this server for now.',
      body: 'Its identity (host key) is not the one Mailharbor saw before. If your provider did not reinstall the server, someone may be trying to intercept the connection to read your passwords and email. Mailharbor will keep refusing to connect. If the server was reinstalled on purpose, remove it here and add it again.',
    },
    connectFailed: 'Mailharbor could not connect to this server',
    identityRefused: 'Connection refused, for your safety',
    actionFailed: {
      connect: 'Mailharbor could not connect to this server',
      disconnect: 'The server could not be disconnected',
      remove: 'The server could not be removed',
      sudoPassword: 'The password could not be used',
      test: 'The connection test could not start',
    },
    connect: 'Connect',
    disconnect: 'Disconnect',
    remove: 'Remove…',
    runTest: 'Run a connection test',
    testStarting: 'Starting the test…',
    connectionTest: 'Connection test',
  },
  addServer: {
    pageTitle: 'Add a server',
    intro:
      'Tell Mailharbor where your VPS is and how to log in to it. You find these details in your VPS provider’s welcome email or control panel.',
    noServerYet: 'Don’t have a VPS yet?',
    noServerYetAction: 'Prepare a key for a new server',
    title: 'Server details',
    fixProblems: 'Some details need your attention ({{count}}). They are marked below.',
    name: 'Name',
    nameHint: 'Only for you, to recognise the server in Mailharbor. For example “Mail server”.',
    host: 'Address',
    hostHint: 'The address of your VPS, for example 203.0.113.10 or vps.example.com.',
    port: 'SSH port',
    portHint: 'Usually 22.',
    username: 'User name',
    usernameHint: 'The user you log in with, usually root. Some providers use another name, such as ubuntu or debian.',
    methodLegend: 'How to log in',
    method: {
      password: 'Password',
      passwordHint: 'The password from your VPS provider.',
      privateKey: 'SSH key',
      privateKeyHint: 'A private key file, for example id_ed25519. Safer than a password.',
      agent: 'SSH agent',
      agentHint: 'Use the keys already loaded in the SSH agent on this computer (ssh-agent or Pageant).',
      keyboardInteractive: 'Answer the server’s questions',
      keyboardInteractiveHint: 'For servers that ask for a password or a one-time code at each login.',
    },
    password: 'Password',
    privateKey: 'Private key',
    privateKeyHint:
      'Paste the private key, or choose the file. It starts with “-----BEGIN”. Do not use the file that ends in .pub.',
    chooseKeyFile: 'Choose a key file…',
    keyFileRead: 'Read from {{fileName}}.',
    keyFromNewServer: 'The new key is filled in.',
    passphrase: 'Passphrase (if the key has one)',
    passphraseHint: 'Leave this empty if your key is not protected with a passphrase.',
    keyboardInteractiveNote: 'When you connect, Mailharbor shows the server’s questions and sends your answers.',
    sudoPassword: 'Password for sudo (optional)',
    sudoPasswordHint:
      'Mailharbor needs administrator rights. If this user has to type a password for sudo, enter it here. You can also leave it empty; Mailharbor asks when it needs it.',
    failed: 'The server was not added',
    submit: 'Add server',
    adding: 'Adding…',
    cancel: 'Cancel',
    nothingSent: 'Nothing is sent to the server yet: Mailharbor first shows you its identity when you connect.',
    problems: {
      nameRequired: 'Give the server a name you will recognise.',
      hostRequired: 'Enter the address of your server.',
      hostInvalid:
        'Use an IP address like 203.0.113.10 or a host name like vps.example.com, without http:// or spaces.',
      portInvalid: 'Use a port number from 1 to 65535. If you are not sure, use 22.',
      usernameRequired: 'Enter the user name, for example root.',
      usernameInvalid: 'Use the login name on the server, for example root or ubuntu, without spaces.',
      passwordRequired: 'Enter the password.',
      privateKeyRequired: 'Paste your private key or choose the key file.',
      privateKeyIsPublic: 'This is a public key (it starts with ssh-). Use the private key: the file without .pub.',
      privateKeyUnreadable:
        'This is not a private SSH key Mailharbor can read. Choose the private key file (not the one ending in .pub).',
      passphraseRequired: 'This key is protected with a passphrase. Enter it here.',
      passphraseWrong: 'This passphrase does not unlock the key. Check capital letters and try again.',
      rejected: 'Mailharbor could not accept this value. Check it and try again.',
    },
  },
  newServer: {
    title: 'Preparing a new VPS',
    intro:
      'Mailharbor can make an SSH key for your new server. Your VPS provider puts the key on the server while creating it, so you never need a password.',
    generate: 'Create a key for my new server',
    generating: 'Creating the key…',
    failed: 'The key could not be created',
    userDataTitle: '1. Paste this when you create the VPS',
    userDataHint:
      'Most providers have a field called “User data” or “Cloud-init” (sometimes under advanced options). Paste all of this into it.',
    copyUserData: 'Copy user data',
    publicKeyTitle: 'Or: add this public key',
    publicKeyHint: 'If your provider asks for an SSH key instead of user data, paste this public key there.',
    copyPublicKey: 'Copy public key',
    saveTitle: '2. Keep a copy of the private key',
    saveHint:
      'This key opens your server. Save it ({{fileName}}) somewhere safe, such as your password manager. Anyone who has it can log in to your server.',
    download: 'Save the private key…',
    nextTitle: '3. Add the server below',
    nextHint:
      'The key is already filled in below. Once your provider shows that the VPS is running, enter its IP address and add it.',
  },
  hostKey: {
    title: 'Is this really your server?',
    otherTypeTitle: 'Warning: this server shows a different kind of identity',
    intro:
      'This is the first time Mailharbor connects to {{name}} ({{address}}). Every server has a unique fingerprint. Before Mailharbor sends your password or key, check that the fingerprint below is the one your VPS provider shows for your server.',
    otherTypeWarning:
      'Mailharbor knows this server by another kind of key ({{knownTypes}}), but it now shows a {{keyType}} key. This can happen after a server update, but it can also mean someone is intercepting the connection. Only continue if the fingerprint matches exactly.',
    otherTypeIntro:
      'Mailharbor has connected to {{name}} ({{address}}) before, but the server now identifies itself with a different kind of key. Before Mailharbor sends your password or key, check that the fingerprint below is the one your VPS provider shows for your server.',
    fingerprintLabel: 'Fingerprint ({{keyType}})',
    howToCheck: 'Where to find the right fingerprint:',
    whereConsole:
      'In your VPS provider’s control panel: open the server’s console or boot log and look for “SSH host key fingerprint”.',
    whereCommand: 'Or, if you can already log in another way, run this command on the server:',
    onlyOnce: 'Mailharbor remembers the fingerprint once you trust it, and warns you if it ever changes.',
    cancel: 'Cancel',
    trust: 'Trust and connect',
  },
  authPrompt: {
    title: 'The server asks you to sign in',
    intro: 'Your server {{name}} asks the following. Your answers go only to the server.',
    answer: 'Answer',
    cancel: 'Cancel',
    send: 'Send',
  },
  sudoPassword: {
    label: 'Password for sudo',
    hint: 'The password of your user on the server. Mailharbor keeps it encrypted on this computer.',
    submit: 'Save and connect',
    saving: 'Connecting…',
  },
  removeServer: {
    title: 'Remove {{name}}?',
    body: 'Mailharbor forgets this server, with its stored password or key. Nothing changes on the server itself: it keeps running, and so does your email on it.',
    addAgain: 'You can add the server again later.',
    cancel: 'Keep it',
    confirm: 'Remove',
  },
  copy: {
    copied: 'Copied',
    failed: 'Could not copy; select the text and copy it yourself',
  },
  jobs: {
    outcome: {
      running: 'Running…',
      reattaching: 'Reconnecting to follow the progress…',
      succeeded: 'Finished',
      failed: 'Failed',
      cancelled: 'Stopped',
    },
    stepsLabel: 'Steps',
    step: {
      pending: 'Waiting',
      running: 'Running',
      done: 'Done',
      skipped: 'Skipped',
      failed: 'Failed',
    },
    stepRunningPercent: '{{percent}}%',
    log: 'Log',
    logEmpty: 'Nothing logged yet.',
    logDropped: 'Earlier lines are not shown here: {{count}}',
    succeeded: 'All steps finished. The connection to your server works.',
    cancelled: 'The job was stopped before it finished.',
    failedHeading: '{{title}} did not finish',
    followFailed: 'Mailharbor lost track of this job',
    cancel: 'Stop',
    cancelling: 'Stopping…',
    close: 'Close',
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
  preflight: {
    os: {
      ok: { title: 'The server runs {{found}}.', next: 'Mailharbor supports this operating system.' },
      blocker: {
        title: 'The server runs {{found}}, which Mailharbor does not support.',
        next: 'Mailharbor supports {{expected}}. Reinstall the server with one of these in your VPS provider’s control panel. Reinstalling erases everything on the server.',
      },
    },
    architecture: {
      ok: { title: 'The server has a {{found}} processor.', next: 'The email software runs on this processor.' },
      blocker: {
        title: 'The server has a {{found}} processor, which the email software does not run on.',
        next: 'Choose a VPS with a 64-bit Intel/AMD (x86_64) or ARM (aarch64) processor.',
      },
    },
    memory: {
      ok: { title: 'The server has {{found}} GB of memory.', next: 'That is enough for your email.' },
      warning: {
        title: 'The server has only {{found}} GB of memory.',
        next: 'Your email needs at least {{minimumGb}} GB and runs better with {{recommendedGb}} GB; with less it can become slow or stop. Your VPS provider can give the server more memory, usually with a bigger plan.',
      },
    },
    disk: {
      ok: { title: 'The server has {{found}} GB of free disk space.', next: 'That is enough to start with.' },
      warning: {
        title: 'The server has only {{found}} GB of free disk space on {{path}}.',
        next: 'Mailharbor recommends at least {{minimumGb}} GB free for the email software and your mail. Remove files you no longer need, or ask your VPS provider for a bigger disk.',
      },
    },
    ports: {
      ok: {
        title: 'The ports your email needs are free.',
        next: 'Nothing else on the server uses ports {{expected}}.',
      },
      blocker: {
        title: 'Another program already uses ports your email needs: {{found}}.',
        next: 'Stop or remove that program ({{processes}}) on the server, or use a server that runs nothing else. While these ports are taken, your email cannot receive mail or show its web pages.',
      },
    },
    outboundSmtp: {
      ok: { title: 'The server can send email on port 25.', next: 'The mail server {{greetedBy}} answered.' },
      warning: {
        title: 'The mail servers Mailharbor tried did not accept a connection on port 25.',
        next: 'Port 25 does not look blocked, but sending could not be confirmed ({{targets}}). Try again later; if it keeps happening, the technical details show what the mail servers answered.',
      },
      blocker: {
        title: 'Your provider seems to block outgoing mail on port 25.',
        next: 'No mail server answered on port 25 ({{targets}}). Without it your server cannot deliver email to other mail servers. Ask your VPS provider to open port 25 for this server; many providers do this on request.',
      },
    },
    ipv4: {
      ok: {
        title: 'The server’s IPv4 address is {{found}}.',
        next: 'Your domain’s DNS records will point at this address.',
      },
      warning: {
        title: 'The server has no public IPv4 address of its own (found: {{found}}).',
        next: 'It is probably behind a router or firewall that translates addresses (NAT). Email then only works if the mail and web ports are forwarded to this server; ask your VPS provider.',
      },
    },
    ipv6: {
      ok: { title: 'The server’s IPv6 address is {{found}}.', next: 'Mail can reach your server over IPv6 as well.' },
      warning: {
        title: 'The server has no public IPv6 address.',
        next: 'Your email works over IPv4 alone. If your VPS provider offers IPv6, you can turn it on in their control panel later.',
      },
    },
    docker: {
      ok: {
        title: 'Docker on the server: {{dockerVersion}}; Docker Compose: {{composeVersion}}.',
        next: 'This is for your information; nothing needs to be done now.',
      },
      warning: {
        title: 'Mailharbor could not find out whether Docker is installed.',
        next: 'Nothing needs to be done now. The technical details say what went wrong.',
      },
    },
    systemd: {
      ok: { title: 'The server uses systemd.', next: 'Your email can start by itself when the server restarts.' },
      warning: {
        title: 'The server does not use systemd.',
        next: 'Without systemd your email may not start by itself after the server restarts, and you may have to start it again by hand. An ordinary Ubuntu or Debian VPS has systemd; ask your VPS provider if you are unsure.',
      },
    },
    clock: {
      ok: {
        title: 'The server’s clock is kept in sync.',
        next: 'Certificates and mail signatures need the right time.',
      },
      warning: {
        title: 'Mailharbor could not confirm that the server’s clock is kept in sync.',
        next: 'A wrong clock breaks certificates and mail signatures. Turn on time synchronisation on the server (for example with “timedatectl set-ntp true”), or ask your VPS provider.',
      },
    },
  } satisfies { [K in PreflightCheckId]: Record<(typeof preflightChecks)[K][number], { title: string; next: string }> },
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
    'agent.protocolMismatch': {
      title: 'Mailharbor and its helper program on the server are different versions that cannot work together.',
      next: 'Disconnect and connect again: Mailharbor then puts the right version on the server.',
    },
    'agent.handshakeRequired': {
      title: 'Mailharbor’s helper program on the server was asked something before it was ready.',
      next: 'Disconnect and connect again. If it keeps happening, report it with the technical details below.',
    },
    'agent.disconnected': {
      title: 'The connection to Mailharbor’s helper program on the server was lost.',
      next: 'Mailharbor reconnects by itself. Work that was running on the server carries on; try again in a moment.',
    },
    'agent.invalidResult': {
      title: 'Mailharbor’s helper program on the server gave an answer Mailharbor could not understand.',
      next: 'Disconnect and connect again. If it keeps happening, report it with the technical details below.',
    },
    'agent.internal': {
      title: 'Something went wrong in Mailharbor’s helper program on the server.',
      next: 'Try again. If it keeps happening, report it with the technical details below.',
    },
    'rpc.parseError': {
      title: 'Mailharbor’s helper program on the server received a message it could not read.',
      next: 'Disconnect and connect again. If it keeps happening, report it with the technical details below.',
    },
    'rpc.invalidRequest': {
      title: 'Mailharbor’s helper program on the server received a request it could not read.',
      next: 'This is a bug in Mailharbor. Report it with the technical details below.',
    },
    'rpc.methodNotFound': {
      title: 'Mailharbor’s helper program on the server does not know this request.',
      next: 'Disconnect and connect again, so Mailharbor can put the matching version on the server.',
    },
    'rpc.invalidParams': {
      title: 'Mailharbor’s helper program on the server did not accept the details of a request.',
      next: 'This is a bug in Mailharbor. Report it with the technical details below.',
    },
    'rpc.lineTooLong': {
      title: 'A message between Mailharbor and the server was too large.',
      next: 'Try again. If it keeps happening, report it with the technical details below.',
    },
    'rpc.cancelled': {
      title: 'The request to the server was cancelled.',
      next: 'Try again if you still need it.',
    },
    'jobs.lockHeld': {
      title: 'The server is busy with another task.',
      next: 'Wait until the other task has finished, then try again.',
    },
    'jobs.notFound': {
      title: 'This task is not known on the server.',
      next: 'It may have been cleaned up. Start it again if you still need it.',
    },
    'jobs.startFailed': {
      title: 'The task could not be started on the server.',
      next: 'Try again. If it keeps failing, the technical details say what the server reported.',
    },
    'jobs.lost': {
      title: 'The task stopped unexpectedly on the server.',
      next: 'The server may have restarted. Start the task again: steps that were already done are skipped.',
    },
    'jobs.retryMismatch': {
      title: 'This task cannot continue where the earlier attempt stopped.',
      next: 'Start the task again from the beginning.',
    },
    'jobs.stillRunning': {
      title: 'This task is still running on the server.',
      next: 'Wait for it to finish, or stop it first.',
    },
    'jobs.journalCorrupt': {
      title: 'The progress record of this task on the server is damaged.',
      next: 'Start the task again. If it keeps happening, report it with the technical details below.',
    },
    'jobs.stepFailed': {
      title: 'A step of this task failed on the server.',
      next: 'The technical details say what went wrong. Try again: steps that were already done are skipped.',
    },
    'diagnostics.failedOnPurpose': {
      title: 'The test step {{step}} failed on purpose.',
      next: 'This is a test of how Mailharbor shows failures. Try again to continue from where it stopped.',
    },
    internal: {
      title: 'Something went wrong inside Mailharbor.',
      next: 'Try again. If it keeps happening, restart the app and report it with the technical details below.',
    },
  } satisfies Record<ErrorCode | AgentErrorCode, { title: string; next: string }>,
};

/** Same keys as English, every value a string: what a translation has to provide. */
export type Messages = typeof en;
