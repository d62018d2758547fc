import { statePaths } from '../jobs/state-dir.js';
import type { StepContext } from '../jobs/steps.js';
import type { StackInstallParams, StackPlan } from '../../../common/stack/stack-contract.js';
import { detectStack } from './detect.js';
import type { InstallContext } from './install-step.js';
import { stackPaths } from './stack-paths.js';
import { installSteps } from './steps/index.js';

/**
 * stack.plan: asks every install step, read-only, whether the server is already as it would leave
 * it, and what it would change otherwise. Nothing here writes, so the plan is safe on any server.
 */
export async function planInstall(params: StackInstallParams, signal: AbortSignal): Promise<StackPlan> {
  const install: InstallContext = { ...params, paths: stackPaths() };
  const readOnly: StepContext = {
    jobId: 'plan',
    attempt: 1,
    workDir: statePaths().workDir,
    signal,
    progress: () => {},
    log: () => {},
    waiting: () => {},
  };
  const steps: StackPlan['steps'] = [];
  for (const step of installSteps) {
    signal.throwIfAborted();
    if (step.applies && !step.applies(install)) {
      steps.push({ id: step.id, state: 'skipped', changes: [] });
      continue;
    }
    const done = await step.check(install, readOnly).catch(() => false);
    steps.push({ id: step.id, state: done ? 'done' : 'todo', changes: done ? [] : await step.plan(install) });
  }
  return { detection: await detectStack(install.paths), steps };
}
