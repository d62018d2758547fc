/**
 * Every code the product can raise, listed by the feature that raises it. Each has words under
 * `errors.<code>` in both languages (the i18n test checks), so a new code is added here and there.
 */
export const ERROR_CODES_BY_FEATURE = {
  /** The renderer<->main contract and its transports. */
  contract: ['contract.unknownChannel', 'contract.invalidInput', 'contract.invalidOutput'],
  transport: ['transport.disconnected', 'transport.refused'],
  settings: ['settings.unreadable'],
  /** Connecting to a server over SSH, and becoming root there. */
  ssh: [
    'ssh.invalidTarget',
    'ssh.hostNotFound',
    'ssh.refused',
    'ssh.unreachable',
    'ssh.timeout',
    'ssh.authFailed',
    'ssh.passphraseRequired',
    'ssh.badPassphrase',
    'ssh.keyUnreadable',
    'ssh.agentMissing',
    'ssh.hostKeyChanged',
    'ssh.hostKeyRevoked',
    'ssh.hostKeyRejected',
    'ssh.disconnected',
  ],
  sudo: ['sudo.passwordRequired', 'sudo.wrongPassword', 'sudo.notAllowed'],
  servers: ['servers.notFound'],
  vault: ['vault.consentRequired'],
  /** Deploying the agent, and the desktop<->agent protocol. */
  agent: [
    'agent.unsupportedArch',
    'agent.installFailed',
    'agent.startFailed',
    'agent.protocolMismatch',
    'agent.handshakeRequired',
    'agent.disconnected',
    'agent.invalidResult',
    'agent.internal',
  ],
  rpc: [
    'rpc.parseError',
    'rpc.invalidRequest',
    'rpc.methodNotFound',
    'rpc.invalidParams',
    'rpc.lineTooLong',
    'rpc.cancelled',
  ],
  /** Detached jobs on the server and their journals. */
  jobs: [
    'jobs.lockHeld',
    'jobs.notFound',
    'jobs.startFailed',
    'jobs.lost',
    'jobs.retryMismatch',
    'jobs.stillRunning',
    'jobs.journalCorrupt',
    'jobs.stepFailed',
    'jobs.notCancellable',
  ],
  diagnostics: ['diagnostics.failedOnPurpose'],
  /** Installing and managing the mail stack. */
  stack: [
    'stack.commandFailed',
    'stack.invalidOptions',
    'stack.domainMismatch',
    'stack.databaseTooNew',
    'stack.storagePathInvalid',
    'stack.fileEditedByHand',
    'stack.notEnoughDisk',
    'stack.envUnreadable',
    'stack.envValueInvalid',
    'stack.dkimKeyInvalid',
    'stack.notInstalled',
    'stack.releaseFeedFailed',
    'stack.dockerInstallFailed',
    'stack.dockerNotRunning',
    'stack.engineError',
    'stack.firewallFailed',
    'stack.certificateFailed',
    'stack.dnsChallengeTimeout',
    'stack.unhealthy',
  ],
  /** Renewing certificates from the dashboard. */
  certificates: ['certificates.notFound', 'certificates.notServed'],
  shell: ['shell.tooMany'],
  /** Backups and restores (restic on the server, S3-compatible storage). */
  backups: [
    'backups.notConfigured',
    'backups.resticMissing',
    'backups.resticFailed',
    'backups.wrongPassword',
    'backups.noRepository',
    'backups.dataDamaged',
    'backups.dataMissing',
    'backups.repositoryLocked',
    'backups.diskFull',
    'backups.notEnoughDisk',
    'backups.s3WrongKey',
    'backups.s3SignatureMismatch',
    'backups.s3BucketMissing',
    'backups.s3WrongRegion',
    'backups.s3Denied',
    'backups.s3ClockSkew',
    'backups.s3Unreachable',
    'backups.s3Tls',
    'backups.s3Failed',
    'backups.pointNotFound',
    'backups.pointIncomplete',
    'backups.verifyFailed',
    'backups.redisSnapshotFailed',
    'backups.mongoDumpFailed',
    'backups.mongoRestoreFailed',
    'backups.restoreFailed',
    'backups.pauseFailed',
    'backups.noRollback',
    'backups.notInstalled',
  ],
  /** Updates of the mail stack, their health gate and rollback. */
  updates: [
    'updates.feedInvalid',
    'updates.releaseNotFound',
    'updates.releaseNotPinned',
    'updates.notNewer',
    'updates.databaseDowngrade',
    'updates.notEnoughDisk',
    'updates.backupFailed',
    'updates.migrationNeedsBackup',
    'updates.pullFailed',
    'updates.digestMismatch',
    'updates.restoredBack',
    'updates.rolledBack',
    'updates.rollbackFailed',
  ],
  /** The recovery kit the user keeps. */
  kit: ['kit.wrongPassphrase', 'kit.unreadable'],
  /** Anything else: a bug, shown with its technical detail. */
  internal: ['internal'],
} as const;

type ByFeature = typeof ERROR_CODES_BY_FEATURE;
export type ErrorCode = ByFeature[keyof ByFeature][number];
export const ERROR_CODES: readonly ErrorCode[] = Object.values(ERROR_CODES_BY_FEATURE).flat();

export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}
