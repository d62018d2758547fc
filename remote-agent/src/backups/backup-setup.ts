import { AppError } from '../../../common/errors/app-error.js';
import { statePaths } from '../jobs/state-dir.js';
import type { JobKindModule } from '../jobs/steps.js';
import { aptInstall, aptUpdate } from '../stack/system/apt.js';
import { requireBackupConfig } from './backup-config.js';
import { backupPaths } from './backup-paths.js';
import { updateBackupState } from './backup-state.js';
import { withRestic } from './restic.js';
import { resticVersion } from './restic-version.js';
import { installSchedule } from './schedule.js';

/**
 * backups.setup, after backups.configure saved the settings: restic from the distribution when it
 * is missing, the repository opened with the password (or made, when the place is empty), and the
 * schedule in place. Each step is checked first, so running it again changes nothing.
 */
export const backupSetup: JobKindModule<'backups.setup'> = {
  kind: 'backups.setup',
  steps() {
    const paths = () => backupPaths(statePaths());
    return [
      {
        id: 'restic',
        title: 'Install restic',
        check: async (context) => (await resticVersion(context.signal)).installed,
        run: async (context) => {
          await aptUpdate(context, { from: 0, to: 30 });
          await aptInstall(['restic'], context, { from: 30, to: 100 });
          const installed = await resticVersion(context.signal);
          if (!installed.installed)
            throw new AppError('backups.resticMissing', { detail: 'apt installed no restic', retryable: true });
          context.log(
            `restic ${installed.version ?? '(unknown version)'}${installed.compression ? '' : ': older than 0.14, backups are stored without compression'}`,
          );
        },
      },
      {
        id: 'repository',
        title: 'Open the backup repository (or make it)',
        check: async () => false,
        run: async (context) => {
          await withRestic(paths(), requireBackupConfig(paths()), async (restic) => {
            const opened = await restic.run(['cat', 'config'], {
              signal: context.signal,
              allowFailure: true,
              timeoutMs: 5 * 60_000,
            });
            if (opened.code === 0) {
              context.log('the repository is there and the password opens it');
              return;
            }
            // Only an empty place gets a new repository: a wrong password never makes one over data.
            const why = `${opened.stderr}\n${opened.stdout}`;
            if (
              !/Is there a repository at the following location\?|unable to open config file|config file does not exist/i.test(
                why,
              )
            ) {
              await restic.run(['cat', 'config'], { signal: context.signal, timeoutMs: 5 * 60_000 });
            }
            await restic.run(['init'], { signal: context.signal, timeoutMs: 5 * 60_000 });
            context.log('made a new, empty repository');
          });
        },
      },
      {
        id: 'schedule',
        title: 'Schedule the backups',
        check: async () => false,
        run: async (context) => {
          const { settings } = requireBackupConfig(paths());
          const how = await installSchedule(
            { root: process.env.MAILHARBOR_SYSTEM_ROOT || '/' },
            settings.schedule,
            { node: process.execPath, agent: process.argv[1] ?? '' },
            context.signal,
          );
          context.log(
            how === 'none' ? 'the schedule is off' : `scheduled with ${how}, nightly at ${settings.schedule.time}`,
          );
          updateBackupState(paths(), (state) => ({
            ...state,
            configuredAt: state.configuredAt ?? new Date().toISOString(),
          }));
        },
      },
    ];
  },
};
