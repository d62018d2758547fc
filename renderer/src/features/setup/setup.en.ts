import type { PreflightCheckId, preflightChecks } from '../../../../common/agent-contract';
import type { InstallStepId } from '../../../../common/stack/stack-contract';

/** English texts: the setup feature. The shape every other language must match. */
export const setupEn = {
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
        remove: 'Remove',
        copy: 'Copy',
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
        schedule: 'scheduled task',
        mailbox: 'mailbox',
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
      wait: 'Mailharbor waits until you confirm.',
      confirmed:
        'Thank you. Mailharbor now checks the records and asks for the certificate; this can take a few minutes.',
      notWaiting: 'Mailharbor is no longer waiting for these records.',
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
        backups:
          'Set up backups and save your recovery kit: with it, a lost server is rebuilt on a new one with all its mail.',
        backupsButton: 'Set up backups',
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
      adoption: 'Take over from the earlier setup (its scheduled tasks and mailboxes)',
      containers: 'Start the mail server',
      health: 'Check that every service answers',
    } satisfies Record<InstallStepId, string>,
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
    backups: {
      ok: {
        title: 'Backups can use restic {{version}}, with compression.',
        next: 'restic makes the encrypted backups of your mail; Mailharbor installs it when you set backups up.',
      },
      warning: {
        title: 'restic on this server is older than 0.14, or missing ({{version}}).',
        next: 'restic makes the backups. An older one still works but stores them uncompressed, so they take more space and upload more slowly. Debian 12 and Ubuntu 24.04 have 0.14 or newer.',
      },
    },
  } satisfies { [K in PreflightCheckId]: Record<(typeof preflightChecks)[K][number], { title: string; next: string }> },
};
