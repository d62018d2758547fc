import type { JobKind } from '../../../../common/agent-contract.js';
import type { JobKindModule } from '../steps.js';
import { backupCheck } from '../../backups/backup-check.js';
import { backupDrill } from '../../backups/backup-drill.js';
import { backupRestore } from '../../backups/backup-restore.js';
import { backupRun } from '../../backups/backup-run.js';
import { backupSetup } from '../../backups/backup-setup.js';
import { certificatesRenew } from '../../certificates/certificates-renew.js';
import { diagnosticsSteps } from './diagnostics-steps.js';
import { stackControl } from './stack-control.js';
import { stackInstall } from './stack-install.js';
import { updateApply } from '../../updates/update-apply.js';

/** Every job kind the contract declares has exactly one module here (the type checks it). */
export const jobKindModules: { [K in JobKind]: JobKindModule<K> } = {
  'diagnostics.steps': diagnosticsSteps,
  'stack.install': stackInstall,
  'stack.control': stackControl,
  'backups.setup': backupSetup,
  'backups.run': backupRun,
  'backups.restore': backupRestore,
  'backups.drill': backupDrill,
  'backups.check': backupCheck,
  'updates.apply': updateApply,
  'certificates.renew': certificatesRenew,
};
