/** English texts: shared by every page. The shape every other language must match. */
export const commonEn = {
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
};
