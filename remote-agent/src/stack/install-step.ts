import type { StepContext } from '../jobs/steps.js';
import type { StackPaths } from './stack-paths.js';
import type {
  InstallStepId,
  PlannedChange,
  StackEnvironment,
  StackOptions,
} from '../../../common/stack/stack-contract.js';

/** What every install step reads: the user's choices, the outside addresses, and where things live. */
export interface InstallContext {
  options: StackOptions;
  environment: StackEnvironment;
  paths: StackPaths;
}

/**
 * One resumable, idempotent part of the install. `plan` and `check` only read: `plan` lists what
 * `run` would change on this server now (for the review screen), `check` says the server is
 * already as `run` leaves it (a re-run skips the step). `applies` false means the user's choices
 * leave nothing for this step to do (the resolver change when not chosen).
 */
export interface InstallStep {
  id: InstallStepId;
  title: string;
  applies?(install: InstallContext): boolean;
  plan(install: InstallContext): Promise<PlannedChange[]>;
  check(install: InstallContext, step: StepContext): Promise<boolean>;
  run(install: InstallContext, step: StepContext): Promise<void>;
}
