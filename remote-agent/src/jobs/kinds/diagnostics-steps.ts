import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../../common/errors/app-error.js';
import type { JobKindModule, JobStep, StepContext } from '../steps.js';

/**
 * A job that changes nothing but its own work directory: it walks through numbered steps with
 * progress and log lines, fails on purpose at `failAt`, and leaves a marker per completed step
 * so that a retry skips them. The app uses it to check the whole job path on a real server; the
 * tests use it as the stand-in for the real (slow, root-only) job kinds.
 */
export const diagnosticsSteps: JobKindModule<'diagnostics.steps'> = {
  kind: 'diagnostics.steps',
  steps(params) {
    return Array.from({ length: params.steps }, (_, index): JobStep => {
      const number = index + 1;
      const marker = (context: StepContext) => path.join(context.workDir, `diagnostics-step-${number}.done`);
      return {
        id: `step-${number}`,
        title: `Diagnostic step ${number} of ${params.steps}`,
        ...(params.uncancellableAt === number ? { uncancellable: true } : {}),
        check: async (context) => existsSync(marker(context)),
        run: async (context) => {
          context.log(`step ${number} running${params.logBytes ? ` ${'x'.repeat(params.logBytes)}` : ''}`);
          context.progress(0, `step ${number}: starting`);
          await sleep(params.stepMs / 2, undefined, { signal: context.signal });
          context.progress(50, `step ${number}: halfway`);
          if (params.failAt === number) {
            throw new AppError('diagnostics.failedOnPurpose', {
              params: { step: number },
              detail: `step ${number} failed on purpose (failAt=${number})`,
              retryable: true,
            });
          }
          await sleep(params.stepMs - params.stepMs / 2, undefined, { signal: context.signal });
          writeFileSync(marker(context), `${context.jobId}\n`);
          context.progress(100, `step ${number}: done`);
        },
      };
    });
  },
};
