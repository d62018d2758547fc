import type { ErrorCode } from '../../../common/errors/error-codes';

/** English texts: the words for every error code, by the feature that raises it. The shape every other language must match. */
export const errorsEn = {
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
    'jobs.notCancellable': {
      title: 'This step cannot be stopped halfway ({{step}}).',
      next: 'It finishes by itself, or puts back what was there before, within minutes. Wait for it.',
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
    'stack.databaseTooNew': {
      title: 'The saved Redis data on the server is newer than Redis {{pinned}} can read.',
      next: 'Mailharbor changed nothing. Set {{field}} in the settings file (.env in the mail server’s folder) to {{needed}} or newer, then run the setup again.',
    },
    'stack.storagePathInvalid': {
      title: 'The setting SQLITE_STORAGE_PATH of the mail server is not a plain folder name.',
      next: 'Mailharbor changed nothing. Set SQLITE_STORAGE_PATH in the settings file (.env) to a folder name such as sqlite_storage, then run the setup again.',
    },
    'stack.fileEditedByHand': {
      title: 'The file {{file}} on the server was changed by hand, so Mailharbor did not replace it.',
      next: 'Your version stays as it is. To take this version of Mailharbor’s file, move yours aside (for example to the same name with .mine at the end), run the setup again, then carry your changes over to the new file.',
    },
    'stack.notEnoughDisk': {
      title:
        'There is not enough free disk space on the server to take over the older install’s mailboxes ({{freeMb}} MB free, {{neededMb}} MB needed).',
      next: 'Nothing was changed and no mailbox was moved. Free some space on the server (old logs, unused images), then run the setup again.',
    },
    'stack.envUnreadable': {
      title: 'The settings of the installed mail server could not be read.',
      next: 'The settings file (.env in the mail server’s folder) is missing or damaged. The technical details say which file and why.',
    },
    'stack.envValueInvalid': {
      title: 'The setting {{key}} of the mail server has a value it cannot use.',
      next: 'Correct it in the settings file (.env in the mail server’s folder), for example {{key}}={{example}}, or delete the line to use the standard value; then run the setup again. The technical details say what the value must look like.',
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
    'certificates.notFound': {
      title: 'This certificate is no longer on the server.',
      next: 'Refresh the Certificates card. If it was removed on purpose, there is nothing to renew.',
    },
    'certificates.notServed': {
      title: 'The certificate was renewed, but not every mail port serves it yet.',
      next: 'Restart the services named in the technical details from the dashboard, then renew again to check.',
    },
    'shell.tooMany': {
      title: 'Too many shells are open.',
      next: 'Close a shell tab you no longer use (at most {{perServer}} per server and {{total}} in all), then try again.',
    },
    'backups.notConfigured': {
      title: 'Backups are not set up on this server yet.',
      next: 'Open Backups and choose where they go; Mailharbor sets everything up from there.',
    },
    'backups.resticMissing': {
      title: 'restic, the program that makes the backups, is not installed on the server.',
      next: 'Run the backup setup again: it installs restic from your distribution.',
    },
    'backups.resticFailed': {
      title: 'The backup program stopped with an error.',
      next: 'Try again. If it happens again, the technical details say what restic reported.',
    },
    'backups.wrongPassword': {
      title: 'The backup password does not open these backups.',
      next: 'Use the backup password from your recovery kit. Nothing on the server was changed.',
    },
    'backups.noRepository': {
      title: 'There are no backups at this place in the bucket yet.',
      next: 'Check the bucket and the folder in the backup settings, or run the backup setup to start a new set of backups there.',
    },
    'backups.dataDamaged': {
      title: 'Part of the backup in the bucket is damaged.',
      next: 'Nothing on the server was changed. Pick an older restore point, and run a backup check: the storage provider may have a problem.',
    },
    'backups.dataMissing': {
      title: 'Part of the backup is missing from the bucket.',
      next: 'Nothing on the server was changed. Pick another restore point, and check that nothing else deletes files in that bucket (a lifecycle rule, for instance).',
    },
    'backups.repositoryLocked': {
      title: 'Another backup task is working with the same backups right now.',
      next: 'Wait until it has finished, then try again.',
    },
    'backups.diskFull': {
      title: "The server's disk filled up during the backup task.",
      next: 'Free some space on the server (the Dashboard shows what takes it), then try again.',
    },
    'backups.notEnoughDisk': {
      title: 'There is not enough free disk space on the server for this ({{freeMb}} MB free, {{neededMb}} MB needed).',
      next: 'Free some space on the server, or discard the data a previous restore kept, then try again. Nothing was changed.',
    },
    'backups.s3WrongKey': {
      title: 'The storage provider does not know this access key.',
      next: "Copy the access key id again from your storage provider's console, exactly as it is shown.",
    },
    'backups.s3SignatureMismatch': {
      title: 'The secret access key does not match the access key.',
      next: 'Copy the secret access key again; if it was shown only once, make a new key pair at your storage provider.',
    },
    'backups.s3BucketMissing': {
      title: 'The bucket {{bucket}} does not exist at this storage provider.',
      next: 'Check the bucket name and the region, or let Mailharbor create the bucket.',
    },
    'backups.s3WrongRegion': {
      title: 'The bucket is in another region than the one entered.',
      next: "Choose the bucket's region in the backup settings (the storage provider says {{expected}}).",
    },
    'backups.s3Denied': {
      title:
        'The storage provider refused these keys one of the things backups need to do in the bucket (list, read, write or delete).',
      next: 'Give the key permission to list, read, write and delete in this bucket, at your storage provider.',
    },
    'backups.s3ClockSkew': {
      title:
        "The server's clock is off by about {{seconds}} seconds, and the storage provider refuses requests from it.",
      next: "Set the server's clock right (turn on time synchronisation, for example with timedatectl set-ntp true), then test again.",
    },
    'backups.s3Unreachable': {
      title: 'The server cannot reach the storage at {{endpoint}}.',
      next: "Check the endpoint address; if it is right, the server's network or firewall may block it.",
    },
    'backups.s3Tls': {
      title: "The storage's certificate is not trusted by the server.",
      next: 'Check the endpoint address. For a storage server with its own certificate authority, add that certificate in the backup settings.',
    },
    'backups.s3Failed': {
      title: 'The storage provider refused the request.',
      next: 'Try again. The technical details say what the storage answered.',
    },
    'backups.pointNotFound': {
      title: 'This restore point is no longer in the backups.',
      next: 'Reload the list of restore points and pick another one.',
    },
    'backups.pointIncomplete': {
      title: 'This restore point is incomplete: part of it was never finished or was removed.',
      next: 'Pick another restore point.',
    },
    'backups.verifyFailed': {
      title: 'The restore point did not pass its check after unpacking.',
      next: 'Nothing on the server was changed. Pick another restore point; the technical details say what did not match.',
    },
    'backups.redisSnapshotFailed': {
      title: 'Redis could not save a fresh snapshot for the backup.',
      next: "Try again in a few minutes. If it keeps happening, the Dashboard's logs for redis say why.",
    },
    'backups.mongoDumpFailed': {
      title: 'MongoDB could not be copied for the backup.',
      next: 'Check on the Dashboard that mongodb runs, then try again.',
    },
    'backups.mongoRestoreFailed': {
      title: "MongoDB's data could not be restored.",
      next: 'Try the restore again; the technical details say what mongorestore reported.',
    },
    'backups.restoreFailed': {
      title: 'The restored mail server did not start properly, so Mailharbor put the previous data back.',
      next: 'Your server runs as it did before the restore. Try another restore point, or look at the technical details for the service that failed.',
    },
    'backups.pauseFailed': {
      title: 'The mail services could not be paused for a moment to take the mailboxes consistently.',
      next: 'Try again. If it keeps happening, check on the Dashboard that the {{service}} service runs normally.',
    },
    'backups.noRollback': {
      title: 'There is no earlier data kept from a restore.',
      next: 'Nothing to do.',
    },
    'backups.notInstalled': {
      title: 'There is no mail server installed on this server to back up or restore into.',
      next: 'Install the mail server first (for a server you rebuild from a backup: restore its settings first).',
    },
    'updates.feedInvalid': {
      title: 'The list of releases could not be read ({{field}}).',
      next: 'Nothing was changed on the server. Try again later; if it keeps happening, the release list itself is damaged.',
    },
    'updates.releaseNotFound': {
      title: 'Version {{version}} is not in the list of releases.',
      next: 'Nothing was changed. Choose one of the versions the dashboard lists.',
    },
    'updates.releaseNotPinned': {
      title: 'Version {{version}} does not say exactly which images it consists of.',
      next: 'Nothing was changed. Mailharbor only installs images it can verify; wait for a release that lists them.',
    },
    'updates.notNewer': {
      title: 'Version {{version}} is not newer than the version that runs ({{running}}).',
      next: 'Nothing was changed. Going back to an older version could damage your mail data; restore a backup instead if you need the old version.',
    },
    'updates.databaseDowngrade': {
      title:
        'Version {{version}} would run an older {{image}} ({{offered}}) than the one that has your data ({{running}}).',
      next: 'Nothing was changed. An older database cannot read data written by a newer one; wait for a release that keeps {{image}} at {{running}} or newer.',
    },
    'updates.notEnoughDisk': {
      title: 'The server does not have enough free disk space for the new version ({{free}} free, {{needed}} needed).',
      next: 'Nothing was changed. Free some space (old backups staging, logs, unused images), then try again.',
    },
    'updates.backupFailed': {
      title: 'The backup before the update did not succeed, so the update did not start.',
      next: 'Nothing was changed. Fix the backup (see the Backups page), or choose “Update without a backup” if you accept the risk.',
    },
    'updates.migrationNeedsBackup': {
      title: 'Version {{version}} changes your stored mail data, so it cannot be installed without a backup.',
      next: 'Set up backups first: if this update fails, only the backup can bring your data back as it was.',
    },
    'updates.pullFailed': {
      title: 'The new version could not be downloaded.',
      next: 'Nothing was changed; the mail server still runs the old version. Check the server’s internet connection, then try again.',
    },
    'updates.digestMismatch': {
      title: 'A downloaded image is not the one the release names ({{image}}).',
      next: 'Nothing was changed and the image is not used. This can mean the registry was tampered with; try again later.',
    },
    'updates.restoredBack': {
      title:
        'Version {{to}} did not work ({{services}}). It changes stored data, so the mail server went back to {{from}} and to the backup taken just before the update.',
      next: 'Your mail server runs {{from}} again, healthy, with its data as it was in restore point {{point}}. Mail that arrived during the update attempt is not in it: the data the failed version left is kept, and you can discard it on the Backups page once all is well.',
    },
    'updates.rolledBack': {
      title: 'Version {{to}} did not work ({{services}}), so the mail server went back to {{from}} by itself.',
      next: 'Your mail server runs {{from}} again and is healthy. The technical details show the last log lines of what failed.',
    },
    'updates.rollbackFailed': {
      title:
        'The update failed, and going back to {{from}} did not make the mail server healthy either ({{services}}).',
      next: 'Restore the backup taken just before the update (Backups page, restore point {{point}}).',
    },
    'kit.wrongPassphrase': {
      title: 'The passphrase does not open this recovery kit.',
      next: 'Type the passphrase you chose when you saved the kit. It cannot be recovered if it is lost.',
    },
    'kit.unreadable': {
      title: 'This file is not a Mailharbor recovery kit, or it is damaged.',
      next: 'Choose the recovery kit file (it ends in .mailharbor-kit.age).',
    },
    internal: {
      title: 'Something went wrong inside Mailharbor.',
      next: 'Try again. If it keeps happening, restart the app and report it with the technical details below.',
    },
  } satisfies Record<ErrorCode, { title: string; next: string }>,
};
