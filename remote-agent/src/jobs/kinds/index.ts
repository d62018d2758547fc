import type { JobKind } from '../../../../common/agent-contract.js';
import type { JobKindModule } from '../steps.js';
import { diagnosticsSteps } from './diagnostics-steps.js';
import { stackControl } from './stack-control.js';
import { stackInstall } from './stack-install.js';

/** Every job kind the contract declares has exactly one module here (the type checks it). */
export const jobKindModules: { [K in JobKind]: JobKindModule<K> } = {
  'diagnostics.steps': diagnosticsSteps,
  'stack.install': stackInstall,
  'stack.control': stackControl,
};
