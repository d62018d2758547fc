import type { SetupStage } from './setup-state';

/** The ten steps of the guided setup, as the overview shows them (words under setup.steps.<id>). */
export const SETUP_STEPS = [
  'addServer',
  'connect',
  'preflight',
  'domain',
  'plan',
  'install',
  'dns',
  'certificates',
  'recoveryKit',
  'onboarding',
] as const;
export type SetupStepId = (typeof SETUP_STEPS)[number];
export type OverviewState = 'done' | 'current' | 'upcoming';

/** Where the person is: no server yet, none connected, or a stage of the wizard on a connected one. */
export type SetupPosition = { kind: 'noServers' } | { kind: 'notConnected' } | { kind: 'wizard'; stage: SetupStage };

const CURRENT_STEP: Record<SetupStage, SetupStepId> = {
  start: 'preflight',
  preflight: 'preflight',
  options: 'domain',
  plan: 'plan',
  install: 'install',
  // After the install the DNS records are next.
  success: 'dns',
};

/** The overview's state of every step: those before the current one are done. */
export function overviewStates(position: SetupPosition): Record<SetupStepId, OverviewState> {
  const current: SetupStepId =
    position.kind === 'noServers'
      ? 'addServer'
      : position.kind === 'notConnected'
        ? 'connect'
        : CURRENT_STEP[position.stage];
  const currentIndex = SETUP_STEPS.indexOf(current);
  // The install gets the certificates itself, so once it succeeded that later step is done as well.
  const installed = position.kind === 'wizard' && position.stage === 'success';
  return Object.fromEntries(
    SETUP_STEPS.map((step, index) => [
      step,
      index < currentIndex || (installed && step === 'certificates')
        ? 'done'
        : index === currentIndex
          ? 'current'
          : 'upcoming',
    ]),
  ) as Record<SetupStepId, OverviewState>;
}
