/** English texts: the updates feature. The shape every other language must match. */
export const updatesEn = {
  updates: {
    title: 'Mail server version',
    running: 'Runs {{version}}',
    notPinned:
      'Installed from a release that does not list its images exactly. The first update pins every image, so later updates and rollbacks are exact.',
    upToDate: 'This is the newest version.',
    feedFailed: 'The list of new versions could not be read',
    startFailed: 'The update could not start',
    offered: 'New versions',
    published: 'released {{date}}',
    notes: 'What is new',
    migrates:
      'This version changes your stored mail data. If it fails, going back to the old version alone is not enough: Mailharbor then also restores the backup made just before the update (mail that arrived in between is kept aside, not lost). So it never runs without a backup, and never by itself at night.',
    notPinnedRelease:
      'This version does not list its images exactly, so Mailharbor cannot verify it and will not install it.',
    updateNow: 'Update to {{version}}',
    confirm: {
      title: 'Update to {{version}}?',
      body: 'Mailharbor first makes a backup, then downloads and verifies the new version, and starts it. Mail is unavailable for a few seconds; sending servers try again by themselves. If the new version does not work, the server goes back to {{running}} on its own.',
      go: 'Update now',
      cancel: 'Not now',
    },
    withoutBackup: {
      offer: 'Update without a backup',
      body: 'Only do this if you accept that a failed update could not be undone from a backup. The version that runs now is still kept for an automatic rollback.',
    },
    jobTitle: 'Update to {{version}}',
    last: {
      updated: 'Updated from {{from}} to {{to}} {{age}}. Mail was unavailable for {{seconds}} s.',
      rolledBack:
        'The update to {{to}} {{age}} did not work ({{services}}); the server went back to {{from}} by itself.',
      restoredBack:
        'The update to {{to}} {{age}} did not work ({{services}}); it changes stored data, so the server went back to {{from}} and to the backup made just before it. The data it left is kept on the Backups page.',
      rollbackFailed:
        'The update to {{to}} {{age}} failed and going back did not work either. Restore the backup made before it on the Backups page.',
      failed: 'The update to {{to}} {{age}} did not start; nothing was changed.',
      cancelled: 'The update to {{to}} {{age}} was cancelled.',
    },
    auto: {
      title: 'Nightly update',
      enable: 'Update by itself at night',
      time: 'At (the server’s time)',
      hint: 'Takes the newest version that does not change your stored data, makes a backup first, and goes back by itself if the new version does not work. Versions that change stored data always wait for you.',
      save: 'Save',
      saving: 'Saving…',
      failed: 'The nightly update could not be saved',
    },
    trigger: {
      schedule: 'nightly update',
    },
    previousKept: 'The settings of {{version}} are kept on the server for a rollback.',
  },
};
