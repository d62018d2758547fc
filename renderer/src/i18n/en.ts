import type { ErrorCode } from '../../../common/errors/error-codes';
import type { PreflightCheckId, preflightChecks } from '../../../common/agent-contract';
import type { InstallStepId } from '../../../common/stack/stack-contract';

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
  serverGate: {
    goToServers: 'Go to Servers',
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
    overview: {
      done: 'done',
      openDns: 'Open the DNS records',
    },
    noServer: {
      noServersTitle: 'Add a server to start',
      noServersBody:
        'The setup installs your email on a VPS of your own. Add the server on the Servers page and connect to it; the setup continues here.',
      notConnectedTitle: 'No server is connected',
      notConnectedBody:
        'Connect to the server you want to install your email on. You do that on the Servers page; the setup continues here.',
    },
    server: {
      label: 'Server',
      notConnected:
        '{{name}} is not connected at the moment. Connect it on the Servers page to continue; nothing you entered is lost.',
    },
    resuming: 'Looking at what Mailharbor already did on {{name}}…',
    technicalDetails: 'Technical details',
    preflight: {
      title: 'Check the server',
      intro:
        'Mailharbor checks that {{name}} is ready for your email. The checks only look; nothing changes on the server.',
      running: 'Checking the server…',
      failed: 'The server could not be checked',
      listLabel: 'Results of the checks',
      status: {
        ok: 'OK',
        warning: 'Warning',
        blocker: 'Must be fixed',
      },
      blocked:
        'Mailharbor cannot install on this server yet: fix what is marked “Must be fixed” above, then check again.',
      warnings:
        'Some checks found something you should know about. Read the warnings above; you can continue anyway if you accept them.',
      continue: 'Continue',
      continueAnyway: 'Continue anyway',
      checkAgain: 'Check again',
      checking: 'Checking…',
    },
    options: {
      title: 'Choose your domain and options',
      intro:
        'The domain your email addresses will use, and how the server gets its certificates. Nothing is sent to the server until you have reviewed the plan.',
      detecting: 'Looking for a mail server already installed on {{name}}…',
      detectFailed: 'Mailharbor could not check for an existing installation',
      existing: {
        mailharbor:
          'Mailharbor already installed a mail server here for {{domain}}. The install completes it and keeps its passwords and keys.',
        upstream:
          'Found an existing installation for {{domain}}; Mailharbor will take it over and keep its passwords and keys.',
        domainLocked: 'An installed mail server keeps its domain, so this cannot be changed.',
      },
      resuming:
        'Your earlier install did not finish. Enter your choices again: the install then continues where it stopped, and skips every step that is already done.',
      fixProblems: 'Some choices need your attention ({{count}}). They are marked below.',
      domain: 'Domain',
      domainHint: 'The part after the @ in your email addresses, for example example.com.',
      domainAscii: 'In DNS this domain is written as {{ascii}}.',
      email: 'Your email address',
      emailHint:
        'Let’s Encrypt writes to it when a certificate is about to expire. Use an address you already have, not one on this new server.',
      profile: {
        legend: 'What the server does',
        full: 'Full mail server',
        fullHint:
          'Mailboxes on this server, with IMAP, POP3, CalDAV and CardDAV for your mail, calendar and contacts apps.',
        forwarding: 'Forwarding only',
        forwardingHint: 'Mail to your domain is forwarded to addresses you already have; no mailboxes on this server.',
      },
      certificates: {
        legend: 'How the server gets its certificates',
        http: 'Automatic',
        httpHint:
          'Let’s Encrypt checks your server over port 80. Port 80 must be reachable from the internet, and your domain must already point to this server.',
        cloudflare: 'Cloudflare API token',
        cloudflareHint:
          'Your domain’s DNS is at Cloudflare: Mailharbor proves that the domain is yours with an API token.',
        digitalocean: 'DigitalOcean API token',
        digitaloceanHint:
          'Your domain’s DNS is at DigitalOcean: Mailharbor proves that the domain is yours with an API token.',
        route53: 'Amazon Route 53 access key',
        route53Hint:
          'Your domain’s DNS is at Amazon Route 53: Mailharbor proves that the domain is yours with an access key.',
        manual: 'Manual DNS',
        manualHint:
          'During the install you add two TXT records at your DNS provider by hand. Works with every provider, but you have to stay nearby.',
      },
      cloudflareToken: 'Cloudflare API token',
      cloudflareTokenHint:
        'In Cloudflare, go to My Profile → API Tokens and create a token with the “Edit zone DNS” template for this domain.',
      digitaloceanToken: 'DigitalOcean API token',
      digitaloceanTokenHint:
        'In DigitalOcean’s control panel, go to API → Tokens and create a personal access token with write access.',
      accessKeyId: 'AWS access key ID',
      accessKeyIdHint: 'Of an IAM user that may change this domain’s records in Route 53.',
      secretAccessKey: 'AWS secret access key',
      secretAccessKeyHint: 'AWS shows it once, when the access key is created.',
      secretsNote:
        'Mailharbor sends this only to your server, where it is kept in a file that only the administrator can read.',
      resolver: {
        toggle: 'Use other DNS resolvers',
        toggleHint:
          'Only when the server’s own DNS resolvers are unreliable or refuse the lookups mail servers need. Mailharbor keeps a copy of the old setting.',
        legend: 'DNS resolvers',
        hint: 'Up to three IP addresses, such as 1.1.1.1 or 9.9.9.9. Empty fields are left out.',
        nameserver: 'Resolver {{number}}',
      },
      continue: 'Review the plan',
      back: 'Back to the checks',
      nothingChanges: 'Nothing changes on your server yet.',
      problems: {
        domainRequired: 'Enter your domain, for example example.com.',
        domainInvalid:
          'Use a domain name such as example.com: letters, digits and hyphens with at least one dot, without spaces, @, http:// or slashes.',
        emailRequired: 'Enter an email address for the certificate expiry notices.',
        emailInvalid: 'Use a complete email address such as you@example.com, without spaces.',
        cloudflareTokenRequired: 'Paste the API token from Cloudflare.',
        cloudflareTokenInvalid:
          'Paste the token exactly as Cloudflare shows it: at least 20 letters, digits, hyphens, underscores or dots, with no spaces or other characters.',
        digitaloceanTokenRequired: 'Paste the API token from DigitalOcean.',
        digitaloceanTokenInvalid:
          'Paste the token exactly as DigitalOcean shows it: at least 20 letters, digits, hyphens, underscores or dots, with no spaces or other characters.',
        accessKeyIdRequired: 'Enter the access key ID from AWS.',
        accessKeyIdInvalid:
          'Use the access key ID exactly as AWS shows it: capital letters and digits only, for example AKIAIOSFODNN7EXAMPLE.',
        secretAccessKeyRequired: 'Paste the secret access key from AWS.',
        secretAccessKeyInvalid:
          'Paste the secret access key exactly as AWS shows it: letters, digits, +, / and =, without spaces.',
        nameserversRequired: 'Enter at least one resolver address, or turn “Use other DNS resolvers” off.',
        nameserverInvalid: 'Use an IP address such as 1.1.1.1 or 2606:4700:4700::1111.',
      },
    },
    plan: {
      title: 'Review the plan',
      intro:
        'This is everything the install will do on {{name}} for {{domain}}. Nothing has changed yet: the install starts only when you choose Install.',
      loading: 'Working out what needs to change…',
      failed: 'The plan could not be made',
      installedBy: {
        mailharbor: 'A mail server installed by Mailharbor for {{domain}} is already here; the install completes it.',
        upstream:
          'A mail server installed with Forward Email’s own setup script for {{domain}} is already here; Mailharbor takes it over and keeps its passwords and keys.',
      },
      stepsLabel: 'Install steps',
      changesLabel: 'Changes of “{{step}}”',
      state: {
        todo: 'Will do',
        done: 'Already done',
        skipped: 'Not chosen',
      },
      change: '{{action}} {{kind}}',
      action: {
        create: 'Create',
        change: 'Change',
        keep: 'Keep',
        install: 'Install',
        start: 'Start',
        skip: 'Skip',
      },
      kind: {
        package: 'package',
        file: 'file',
        directory: 'folder',
        firewall: 'firewall rule',
        resolver: 'DNS resolver setting',
        service: 'service',
        container: 'container',
        certificate: 'certificate',
        secret: 'password or key',
      },
      install: 'Install',
      installing: 'Starting the install…',
      startFailed: 'The install could not start',
      back: 'Back',
    },
    install: {
      title: 'Installing on {{name}}',
      intro:
        'You may close this window or lose the connection: the install carries on by itself on the server, and Mailharbor shows its progress again when you come back.',
      starting: 'Starting the install…',
      stepsLabel: 'Install steps',
      stepState: {
        notChosen: 'Not chosen',
        alreadyDone: 'Already done',
        waitingForYou: 'Waiting for you',
      },
      stepLog: 'Log ({{count}})',
      stepLogDropped: 'Earlier lines of this step are not shown here: {{count}}',
      otherLog: 'Other messages ({{count}})',
      succeeded: 'Your mail server is installed.',
      showAccess: 'Show how to log in',
      failedHeading: 'The install stopped at “{{step}}”',
      failedHeadingNoStep: 'The install did not finish',
      cancelled: 'The install was stopped before it finished.',
      retryHint: 'Trying again continues where the install stopped: every step that is already done is skipped.',
      retry: 'Try again',
      retrying: 'Starting again…',
      retryFailed: 'The install could not start again',
      changeChoices: 'Back to your choices',
    },
    addressRecords: {
      title: 'First point your domain at this server',
      intro:
        'Let’s Encrypt checks that {{domain}} and its mail names lead to this server before it gives a certificate. Add these A records at your domain’s DNS provider with the address {{address}}; the other records (MX, SPF, DKIM) follow after the install.',
      checking: 'Looking these records up at your domain’s nameservers…',
      failed: 'Mailharbor could not look these records up',
      allCorrect: 'Every name points at this server: the certificate can be requested.',
      notYet:
        'Not every name points at this server yet. You can install now, but the certificate step will fail until they do; it can be retried.',
      state: 'State',
      checkAgain: 'Check again',
    },
    dnsChallenge: {
      title: 'Add these DNS records',
      intro:
        'Let’s Encrypt needs to see that {{domain}} is yours before it gives a certificate. Add these TXT records at your domain’s DNS provider, wait a few minutes, then confirm below.',
      introNoDomain:
        'Let’s Encrypt needs to see that the domain is yours before it gives a certificate. Add these TXT records at your domain’s DNS provider, wait a few minutes, then confirm below.',
      type: 'Type',
      name: 'Name',
      value: 'Value',
      valueNumbered: 'Value {{number}}',
      twoValues:
        'Both values go under the same name: add two TXT records with this name, one with each value, and keep both.',
      copyName: 'Copy name',
      copyValue: 'Copy value',
      confirm: 'I have added these records',
      confirming: 'Passing it on…',
      wait: 'The install waits until you confirm.',
      confirmed:
        'Thank you. Mailharbor now checks the records and asks for the certificate; this can take a few minutes.',
      notWaiting: 'The install is no longer waiting for these records.',
      notVisible:
        'Your domain’s nameservers do not show these records yet. Check that they are saved at your DNS provider, wait a few minutes and press the button again.',
      continueAnyway: 'Go on anyway',
      confirmFailed: 'Mailharbor could not pass on that the records are added',
    },
    success: {
      title: 'Your mail server is ready',
      intro: 'Log in to the web interface of {{domain}} with these details to set up your email.',
      loading: 'Reading the login details…',
      failed: 'The login details could not be read',
      webAddress: 'Web address',
      username: 'User name',
      password: 'Password',
      show: 'Show',
      hide: 'Hide',
      copyUsername: 'Copy user name',
      copyPassword: 'Copy password',
      passwordHint:
        'Keep this password safe, for example in your password manager. Anyone who has it can manage your email.',
      mailClient: {
        title: 'Settings for mail apps',
        intro:
          'For Thunderbird, Apple Mail, Outlook or the mail app on your phone. The user name there is the full email address of a mailbox.',
        protocol: 'Protocol',
        server: 'Server',
        port: 'Port',
        security: 'Security',
        imap: 'IMAP (incoming)',
        pop3: 'POP3 (incoming)',
        smtp: 'SMTP (outgoing)',
        tls: 'SSL/TLS',
        starttls: 'STARTTLS',
      },
      next: {
        title: 'What comes next',
        dns: 'DNS records are next: {{domain}} needs records (MX, SPF, DKIM and DMARC) that send mail to this server and let other servers trust it. Until they are in place, mail does not arrive.',
        dnsButton: 'Show the DNS records',
        password: 'Keep the password above in a safe place before you close this window.',
        forwarding: 'This server forwards mail only: set up where each address forwards to in the web interface.',
      },
    },
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
        body: 'The domain your email addresses will use, for example example.com, and how the server gets its certificates.',
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
  install: {
    steps: {
      resolver: 'Set the DNS resolvers',
      docker: 'Install Docker',
      packages: 'Install the tools the mail server needs',
      firewall: 'Open the mail and web ports in the firewall',
      stackFiles: 'Put the mail server’s files in place',
      environment: 'Write the settings, passwords and keys',
      dkim: 'Create the key that signs your email (DKIM)',
      images: 'Download the mail server software',
      certificates: 'Get certificates',
      containers: 'Start the mail server',
      health: 'Check that every service answers',
    } satisfies Record<InstallStepId, string>,
  },
  dns: {
    title: 'DNS records',
    intro:
      'The records your domain needs, so that mail reaches your server and other mail servers trust it. Mailharbor checks them live, from this computer.',
    serverLabel: 'Server',
    domainLabel: 'Domain',
    noServer: {
      title: 'Connect a server to see its DNS records',
      body: 'The records are made from the mail server installed on your VPS. Connect to the server on the Servers page first.',
    },
    notConnected: '{{name}} is not connected. Connect to it to see and check its records.',
    notInstalled: {
      title: 'No mail server is installed on {{name}} yet',
      body: 'The records are made from the installed mail server: its domain, its addresses and its DKIM key. Install the mail server first.',
      goToSetup: 'Go to Setup',
    },
    loading: 'Making the list of records…',
    loadFailed: 'The records could not be made',
    checkFailed: 'The records could not be checked',
    serverCheckFailed: 'The certificates and port 25 could not be checked',
    technicalDetails: 'Technical details',
    purpose: {
      apex: 'Your domain itself: the web interface, and its certificate.',
      mxHost: 'The mail server’s own name: the MX record points here.',
      smtpHost: 'Where mail apps send mail.',
      imapHost: 'Where mail apps read mail (IMAP).',
      pop3Host: 'Where mail apps download mail (POP3).',
      apiHost: 'The mail server’s API.',
      caldavHost: 'Calendars (CalDAV).',
      carddavHost: 'Contacts (CardDAV).',
      mx: 'Tells other mail servers where to deliver mail for your domain.',
      spf: 'Says which servers may send mail for your domain (SPF).',
      dkim: 'The public key other servers use to check that mail really comes from your server (DKIM).',
      dmarc: 'Tells receivers what to do with mail that fails those checks, and where to send reports (DMARC).',
      mtaSts: 'Announces that mail to your domain must always be encrypted (MTA-STS).',
      mtaStsHost: 'Where other servers fetch the MTA-STS policy.',
      tlsRpt: 'Where other servers report problems with encryption (TLS-RPT).',
      srvSubmissions: 'Lets mail apps find the sending server by themselves.',
      srvImaps: 'Lets mail apps find the IMAP server by themselves.',
      srvPop3s: 'Lets mail apps find the POP3 server by themselves.',
      caa: 'Only this certificate authority may issue certificates for your domain (CAA).',
      ptr: 'Reverse DNS: the server’s address names the mail server.',
    },
    summary: {
      checking: 'Checking your records…',
      allRight:
        'Everything is right. The records, reverse DNS, certificates and port 25 are all in order: mail can flow.',
      toFix_one: 'Not everything is right yet: 1 thing needs your attention below.',
      toFix_other: 'Not everything is right yet: {{count}} things need your attention below.',
      autoCheck: 'Mailharbor checks again by itself every 30 seconds while something is not right.',
      autoStopped: 'Mailharbor stopped checking by itself after an hour. Check again after you have changed something.',
      checkedAt: 'Last checked at {{time}}.',
      checkNow: 'Check now',
      checkingNow: 'Checking…',
      nameservers: 'Your domain’s nameservers decide: {{nameservers}}.',
      nameserversNotFound:
        'Your domain’s nameservers could not be found, so no record can be checked. Is the domain registered, and are its nameservers set at the registrar?',
    },
    choices: {
      namesLegend: 'How the service names (smtp, imap, …) point at the server',
      address: 'A and AAAA records',
      addressHint: 'Each name points straight at the server’s address. Works with every provider.',
      cname: 'CNAME records',
      cnameHint:
        'Each name points at {{domain}}; when the server’s address changes, only the records of {{domain}} and mx need changing.',
      optionalLegend: 'Optional records',
      mtaSts: 'Required encryption (MTA-STS)',
      mtaStsHint: 'Tells other mail servers to always encrypt mail they deliver to you.',
      tlsRpt: 'TLS reports (TLS-RPT)',
      tlsRptHint: 'Other mail servers report encryption problems to tlsrpt@{{domain}}.',
      srv: 'Automatic setup of mail apps (SRV)',
      srvHint: 'Mail apps find the server settings by themselves.',
      caa: 'Certificate authority (CAA)',
      caaHint: 'Only Let’s Encrypt may issue certificates for {{domain}}.',
    },
    records: {
      title: 'Records at your DNS provider',
      intro:
        'Add these records where the DNS of {{domain}} is managed, often at the registrar where you bought the domain. The names are relative to {{domain}}: “@” is the domain itself (some providers want the name left empty instead).',
      copyAll: 'Copy all records',
      download: 'Download zone file',
      downloadNote:
        'The zone file lists every record in the standard (BIND) format. Many registrars cannot import one: then add the records one by one.',
      listLabel: 'DNS records',
      name: 'Name',
      type: 'Type',
      value: 'Value',
      valueNumbered: 'Value {{number}}',
      copyName: 'Copy name',
      copyValue: 'Copy value',
      optional: 'optional',
      splitSummary: 'Does your provider want this value in parts of at most 255 characters?',
      splitBody: 'Paste this instead, with the quotes:',
      copySplit: 'Copy in parts',
      privateAddress:
        'The server only has the private address {{address}}, which the internet cannot reach. If your provider gives the server a public address, put that in the A records instead.',
      connectionAddress:
        'The server’s network card only has a private address; the records use {{address}}, the public address Mailharbor reaches the server at.',
    },
    state: {
      correct: 'Correct',
      propagating: 'Correct, still spreading',
      disagree: 'Your nameservers disagree',
      wrong: 'Wrong',
      missing: 'Missing',
      error: 'Could not be checked',
      unchecked: 'Not checked yet',
    },
    explain: {
      correct: 'Your DNS provider publishes this record, and the internet sees it.',
      propagating:
        'Your DNS provider has it right. Some resolvers still remember the old answer, for at most {{time}} more.',
      disagree:
        'Your domain’s nameservers give different answers. This usually settles within minutes. If it stays, check that you changed the record at the provider whose nameservers your domain uses.',
      wrong: 'Found {{found}}, expected {{expected}}.',
      missing: 'Your DNS provider does not publish this record yet: add it.',
      missingOptional: 'Not published yet. This record is optional: add it if you want what it does.',
      error: 'The lookup failed, so it is not known yet whether this record is right. Mailharbor tries again.',
    },
    fix: {
      replace: 'At {{name}}: remove {{remove}} and add the {{type}} record {{add}}.',
      replaceElsewhere: 'This is fixed at {{name}}: remove {{remove}} and add a {{type}} record with {{add}}.',
      retry: 'Check again',
      answers: 'What each nameserver says',
      noAnswer: 'no answer',
      nothing: 'nothing',
    },
    findings: {
      spfMultiple: '{{domain}} has two SPF records. Receiving servers then ignore both: merge them into one record.',
      mxIsCname:
        'The mail host {{mxHost}} is a CNAME. An MX record must point at a name with its own A record: replace the CNAME of {{mxHost}} with an A record.',
      apexCname:
        '{{domain}} itself is a CNAME. That hides every other record of the domain (MX, SPF and more): replace it with A records.',
      dkimMismatch:
        'The DKIM key that is published is not this server’s key, so mail from this server fails the DKIM check. Replace the value with the one shown.',
      dmarcMultiple: '{{domain}} has two DMARC records. Receiving servers then ignore both: keep only one.',
    },
    ptr: {
      title: 'Reverse DNS (PTR) at your server provider',
      intro:
        'Receiving mail servers also look up the server’s address the other way round: it must name {{mxHost}}. This is set where you rent the server, not at your DNS provider.',
      listLabel: 'Reverse DNS of the server’s addresses',
      state: {
        correct: 'Correct',
        wrong: 'Wrong',
        missing: 'Missing',
        notConfirmed: 'Does not point back',
        error: 'Could not be checked',
      },
      explain: {
        correct: '{{address}} names {{expected}}, and {{expected}} points back to it.',
        wrong: '{{address}} names {{found}}; it must name {{expected}}.',
        missing: '{{address}} has no reverse name yet; it must name {{expected}}.',
        notConfirmed:
          '{{address}} names {{expected}}, but {{expected}} does not point back to {{address}}: add the A (or AAAA) record of {{expected}} above first.',
        error: 'The reverse name of {{address}} could not be looked up. Mailharbor tries again.',
      },
      provider: 'Your server provider',
      providerGuessed: 'Recognised from the server’s current reverse name.',
      otherProvider: 'Another provider, or not sure',
      stepsTitle: 'Setting the reverse DNS at {{provider}}',
    },
    port25: {
      title: 'Port 25',
      intro: 'Mail servers deliver mail to each other on port 25. Many providers block it on new servers.',
      outbound: 'Sending, tested from the server',
      outboundChecking: 'Testing from the server…',
      outboundFailed: 'The server could not be tested',
      checkAgain: 'Test again',
      inbound: 'Receiving, tested from this computer',
      inboundState: {
        open: 'The server answers on port 25: mail can reach it.',
        closed: 'Nothing answers on port 25 of the server. Is the mail server running?',
        filtered: 'Port 25 of the server does not answer: a firewall (the server’s or the provider’s) blocks it.',
        cannotTestFromHere:
          'Cannot test from this network: it blocks port 25 to every mail server, not only to yours. Try again from another network.',
      },
      helpTitle: 'Asking {{provider}} to open port 25',
      ticketTitle: 'A message to send to support',
      copyTicket: 'Copy the message',
    },
    blocklists: {
      title: 'Blocklists',
      intro:
        'Public lists of addresses and domains that sent spam. Many mail servers refuse mail from anything on them.',
      listLabel: 'Blocklist results',
      clean: '{{target}}: on none of the lists.',
      listed: '{{target}} is on {{list}}.',
      failed: '{{target}}: {{list}} could not be checked. That is not a listing; Mailharbor tries again.',
      none: 'No blocklists are checked.',
    },
    tls: {
      title: 'Certificates',
      intro: 'The certificates the server shows on its encrypted ports, as mail apps and browsers see them.',
      listLabel: 'Certificates per port',
      port: {
        https: 'Web interface (HTTPS), port 443',
        smtp: 'Sending mail (SMTP), port 465',
        imap: 'Reading mail (IMAP), port 993',
        pop3: 'Downloading mail (POP3), port 995',
      },
      state: {
        ok: 'Valid',
        nameMismatch: 'Not for this name',
        expired: 'Expired',
        expiringSoon: 'Expires soon',
        untrusted: 'Not trusted',
        unreachable: 'No answer',
      },
      explain: {
        nameMismatch: 'The certificate is not for {{name}}: mail apps will warn about it.',
        expired: 'The certificate has expired: mail apps refuse the connection.',
        expiringSoon: 'The certificate expires in {{days}} days and has not been renewed yet: is renewal failing?',
        untrusted:
          'The certificate is not from a public certificate authority: mail apps will warn about it. The install gets one as soon as the A records are in place.',
        unreachable: 'Nothing answered on port {{port}} of the server. Is the mail server running?',
      },
      names: 'For',
      issuer: 'Issued by',
      expires: 'Expires',
      expiresOn: '{{date}} (in {{days}} days)',
    },
  },
  dashboard: {
    title: 'Dashboard',
    intro: 'An overview of your mail server’s health.',
    emptyTitle: 'Connect a server to see its mail services',
    emptyBody:
      'Once a server is set up, this page shows at a glance whether sending, receiving and webmail are working, and warns you when something needs your attention.',
    serverLabel: 'Server',
    notConnected: '{{name}} is not connected.',
    loading: 'Reading the services…',
    loadFailed: 'The status of the services could not be read',
    notInstalled: 'No mail stack is installed on {{name}} yet.',
    goToSetup: 'Go to Setup',
    engineLost: 'The server’s Docker engine does not answer; the status below may be out of date.',
    updatedAt: 'Live · updated {{time}}',
    tabs: { status: 'Status', logs: 'Logs', shell: 'Shell', label: 'Dashboard views' },
    summary: {
      allHealthy: 'All {{count}} services healthy',
      starting: '{{starting}} of {{count}} services starting',
      stopped: 'The mail stack is stopped: none of its {{count}} services runs',
      problems: '{{service}} {{issueText}}',
      more_one: ' (and {{count}} more problem)',
      more_other: ' (and {{count}} more problems)',
    },
    issue: {
      restarting: 'restarting: {{restarts}} restarts in {{windowMinutes}} minutes',
      dead: 'has died',
      exited: 'has stopped (exit code {{exitCode}})',
      exitedNoCode: 'has stopped',
      unhealthy: 'is unhealthy',
      missing: 'has no container',
      created: 'was created but never started',
      paused: 'is paused',
      starting: 'is starting',
    },
    state: {
      running: 'Running',
      restarting: 'Restarting',
      paused: 'Paused',
      created: 'Created',
      exited: 'Stopped',
      dead: 'Dead',
      removing: 'Being removed',
      missing: 'Missing',
    },
    health: { healthy: 'Healthy', unhealthy: 'Unhealthy', starting: 'Starting', none: 'No check' },
    reach: { internet: 'internet', loopback: 'this server only', via443: 'via 443' },
    columns: {
      service: 'Service',
      state: 'State',
      health: 'Health',
      restarts: 'Restarts',
      uptime: 'Up for',
      image: 'Image',
      cpu: 'CPU',
      memory: 'Memory',
      ports: 'Ports',
      actions: 'Actions',
    },
    notExpected: 'not used by this profile',
    restartsRecent: '{{recent}} in the last {{windowMinutes}} min',
    actions: {
      start: 'Start',
      stop: 'Stop',
      restart: 'Restart',
      restartStack: 'Restart the whole stack',
      startStack: 'Start the whole stack',
      serviceLabel: '{{action}} {{service}}',
    },
    jobTitle: {
      start: 'Starting {{target}}',
      stop: 'Stopping {{target}}',
      restart: 'Restarting {{target}}',
      wholeStack: 'the whole stack',
    },
    confirm: {
      title: {
        stop: 'Stop {{target}}?',
        restart: 'Restart {{target}}?',
      },
      interrupts: {
        outgoing:
          'Stopping smtp stops outgoing mail until you start it again. Mail that apps try to send meanwhile is refused.',
        incoming:
          'Stopping mx stops incoming mail until you start it again. Other servers keep trying for a while, so little is lost if it is short.',
        mailboxes: 'Mail apps cannot read or move mail while {{service}} is down.',
        pop3: 'Mail apps that use POP3 cannot fetch mail while pop3 is down.',
        webmail: 'Webmail and the admin pages are unreachable while web is down.',
        everything: 'Every mail service goes down for a moment: sending, receiving, mail apps and webmail.',
        database: '{{service}} holds data the other services need: most of them stop working while it is down.',
        other: '{{service}} stops until you start it again.',
      },
      restartShort: 'A restart usually takes under a minute; the services come back by themselves.',
      confirmStop: 'Stop',
      confirmRestart: 'Restart',
      cancel: 'Cancel',
    },
    troubleshooting: {
      title: 'Troubleshooting',
      allRunning: 'Every service that should run is running.',
      notRunning: 'Should run, but does not',
      exitCode: 'Exit code {{exitCode}}',
      oomKilled: 'It ran out of memory and was stopped by the system.',
      lastLines: 'Its last lines',
      engineError: 'Docker said',
      running: 'Running now: {{names}}',
      logsWhere:
        'The logs: the Logs tab here, or on the server `docker logs <name>` in {{dir}}. Each container’s own logs are kept by Docker until it is removed.',
      port25Title: 'Outgoing mail times out?',
      port25Body:
        'Most VPS providers block outgoing port 25 until you ask them to open it. Then smtp runs fine, but mail to other servers waits and times out.',
      port25Check: 'Check port 25 again',
      port25Checking: 'Checking port 25…',
      port25Dns: 'Port 25 on the DNS page',
    },
    logs: {
      services: 'Services',
      all: 'All services',
      tail: 'Last lines',
      timestamps: 'Timestamps',
      pause: 'Pause',
      resume: 'Resume',
      copy: 'Copy',
      copied: 'Copied',
      download: 'Download',
      clear: 'Clear',
      search: 'Search the logs',
      searchNext: 'Next',
      searchPrevious: 'Previous',
      following: 'Following',
      paused: 'Paused: new lines are kept (up to a limit) and shown when you resume',
      stopped: 'Not following',
      failed: 'The logs could not be followed',
      skipped_one: '{{count}} line skipped',
      skipped_other: '{{count}} lines skipped',
      skippedTotal_one: '{{count}} line skipped because the screen could not keep up',
      skippedTotal_other: '{{count}} lines skipped because the screen could not keep up',
      attached: '{{service}}: following',
      detached: '{{service}}: {{reason}}',
      reason: { stopped: 'stopped', missing: 'no container', unreadable: 'logs unreadable' },
      restartFollow: 'Follow again',
      terminalLabel: 'Logs of the chosen services',
    },
    shellMissing: 'The shell is not available in this version.',
  },

  shell: {
    opening: 'Opening a root shell on the server…',
    open: 'Root shell on the server. Everything you type runs as root.',
    ended: 'The shell has ended.',
    endedWithCode: 'The shell has ended (exit code {{code}}).',
    reopen: 'Open a new shell',
    openFailed: 'The shell could not be opened',
    search: 'Search the shell output',
    terminalLabel: 'Root shell on the server',
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
    'stack.commandFailed': {
      title: 'A command of the install failed on the server.',
      next: 'Try again: every step that is already done is skipped. The technical details show what the server reported.',
    },
    'stack.invalidOptions': {
      title: 'The server did not accept the install choices.',
      next: 'Go back to your choices, check them, and try again.',
    },
    'stack.domainMismatch': {
      title: 'The mail server on this server is installed for another domain.',
      next: 'An installed mail server keeps its domain. Use the domain it was installed with, or use another server for this domain.',
    },
    'stack.envUnreadable': {
      title: 'The settings of the installed mail server could not be read.',
      next: 'The settings file (.env in the mail server’s folder) is missing or damaged. The technical details say which file and why.',
    },
    'stack.dkimKeyInvalid': {
      title: 'The key that signs your email (DKIM) on the server cannot be used ({{file}}).',
      next: 'Mailharbor leaves it untouched. Put the original key back, or move the file away to have a new key made; your domain’s DKIM record in DNS must then be updated. The technical details say what is wrong with it.',
    },
    'stack.notInstalled': {
      title: 'No mail server is installed on this server yet.',
      next: 'Run the install first; the login details appear when it has finished.',
    },
    'stack.releaseFeedFailed': {
      title: 'Mailharbor could not find out which version of the mail server software to install.',
      next: 'The server could not read the list of releases. Check the server’s internet connection, then try again.',
    },
    'stack.dockerInstallFailed': {
      title: 'Docker could not be installed on the server.',
      next: 'Check the server’s internet connection and free disk space, then try again. The technical details show what the package manager reported.',
    },
    'stack.dockerNotRunning': {
      title: 'Docker is installed but does not run on the server.',
      next: 'Try again. If it keeps failing, restart the server in your VPS provider’s control panel and try again.',
    },
    'stack.engineError': {
      title: 'Docker on the server answered with an error.',
      next: 'Try again in a moment. If it keeps failing, the technical details show what Docker reported.',
    },
    'stack.firewallFailed': {
      title: 'The firewall on the server could not be set up for your email.',
      next: 'Try again. If another firewall tool runs on the server, the technical details show what failed.',
    },
    'stack.certificateFailed': {
      title: 'The certificates for your domain could not be obtained.',
      next: 'Check that your domain points to this server (for the automatic method) or that the token may change its DNS records, then try again.',
    },
    'stack.dnsChallengeTimeout': {
      title: 'The DNS records for the certificate were not found in time.',
      next: 'Check the TXT records at your DNS provider (name and value exactly as shown), wait a few minutes, then try again.',
    },
    'stack.unhealthy': {
      title: 'The mail server started, but not every part of it answers.',
      next: 'Try again in a few minutes: the first start can be slow. The technical details say which part does not answer.',
    },
    'shell.tooMany': {
      title: 'Too many shells are open.',
      next: 'Close a shell tab you no longer use (at most {{perServer}} per server and {{total}} in all), then try again.',
    },
    internal: {
      title: 'Something went wrong inside Mailharbor.',
      next: 'Try again. If it keeps happening, restart the app and report it with the technical details below.',
    },
  } satisfies Record<ErrorCode, { title: string; next: string }>,
};

/** Same keys as English, every value a string: what a translation has to provide. */
export type Messages = typeof en;
