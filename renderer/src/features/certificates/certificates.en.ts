/** English texts: the certificates panel. The shape every other language must match. */
export const certificatesEn = {
  certificates: {
    title: 'Certificates',
    intro:
      'The certificates your server uses for encrypted mail and the web interface, as the server itself holds them.',
    failed: 'The certificates could not be read',
    refresh: 'Check again',
    checking: 'Checking…',
    none: 'The server holds no certificate yet. The install gets one.',
    names: 'For',
    issuer: 'Issued by',
    valid: 'Valid',
    validRange: '{{from}} to {{to}}',
    daysLeft_one: '{{count}} day left',
    daysLeft_other: '{{count}} days left',
    expiredAgo_one: 'expired {{count}} day ago',
    expiredAgo_other: 'expired {{count}} days ago',
    renews: 'Renews',
    method: {
      'http-01': "by itself, over port 80 (Let's Encrypt visits the server)",
      'dns-provider': 'by itself, through your DNS provider ({{provider}})',
      'manual-dns': 'only with your help: you publish TXT records by hand',
      unknown: 'in a way Mailharbor does not know',
    },
    autoRenew: {
      'systemd-timer': 'The server checks for renewals twice a day (certbot’s timer).',
      cron: 'The server checks for renewals twice a day (a cron entry).',
      none: 'Nothing on the server renews certificates by itself.',
    },
    renewNow: 'Renew now',
    renewJob: 'Renewing {{name}}',
    renewFailed: 'The renewal could not be started',
    renewManual:
      'It renews with TXT records you publish by hand: Renew now shows the new ones, checks them at your domain’s nameservers, and only then lets the renewal go on.',
    lastRenewal: {
      renewed: 'Last renewed from Mailharbor on {{at}}.',
      failed: 'The last renewal from Mailharbor, on {{at}}, failed. Renew again to see why.',
    },
    served: {
      title: 'What your mail ports serve',
      this: '{{name}} (port {{port}}) serves this certificate.',
      none: '{{name}} (port {{port}}) does not answer: {{detail}}.',
      other: '{{name}} (port {{port}}) serves a different certificate: {{detail}}.',
    },
    warning: {
      servedDiffers:
        'Not every mail port serves this certificate yet (see below): mail programs may see an old or wrong certificate. Restart those services, or renew again.',
      expired: 'This certificate has expired: mail programs and browsers refuse the connection. Renew it now.',
      missingNames:
        'It does not cover {{names}}, which your mail services are reached by. Run the install again to get a certificate for every name.',
      manualRenewalDue:
        'It expires in {{count}} days and cannot renew by itself: renew it now and publish the TXT records Mailharbor shows.',
      notRenewing:
        'It should have renewed by itself 30 days before it expires, but has not. Check that port 80 (or your DNS provider’s key) still works.',
      noAutoRenew:
        'Nothing on the server renews it by itself (certbot’s timer and its cron entry are both missing), so it expires on its date unless someone renews it.',
    },
  },
};
