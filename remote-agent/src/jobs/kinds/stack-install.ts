import { installSteps } from '../../stack/steps/index.js';
import { stackPaths } from '../../stack/stack-paths.js';
import type { InstallContext } from '../../stack/install-step.js';
import type { JobKindModule, JobStep } from '../steps.js';

/**
 * stack.install: the install steps in order. A re-run (or a retry of a failed run) checks each
 * step first and skips what is already done, so it resumes where the last one stopped and never
 * redoes, or rotates, anything.
 */
export const stackInstall: JobKindModule<'stack.install'> = {
  kind: 'stack.install',
  steps(params) {
    const install: InstallContext = { ...params, paths: stackPaths() };
    return installSteps.map((step): JobStep => ({
      id: step.id,
      title: step.title,
      ...(step.applies && !step.applies(install) ? { notApplicable: 'not chosen' } : {}),
      check: (context) => step.check(install, context),
      run: (context) => step.run(install, context),
    }));
  },
};
