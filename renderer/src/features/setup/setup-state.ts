import { create } from 'zustand';
import type { JobSummary, PreflightResult } from '../../../../common/agent-contract';
import type { StackAccess, StackDetection, StackOptions, StackPlan } from '../../../../common/stack/stack-contract';
import type { ContractClient } from '../../api/client';
import { api } from '../../api';
import { EMPTY_OPTIONS, type OptionsValues } from './options-form';

/**
 * The setup wizard for one connected server. It lives here rather than in the page, so that
 * visiting another page (Settings, to switch the language) and coming back keeps every answer.
 */
export type SetupStage = 'start' | 'preflight' | 'options' | 'plan' | 'install' | 'success';

export type Loadable<T> =
  { status: 'idle' } | { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: unknown };

export type InstallStart = { status: 'idle' } | { status: 'starting' } | { status: 'failed'; error: unknown };

export interface SetupState {
  serverId: string | undefined;
  stage: SetupStage;
  preflight: Loadable<PreflightResult>;
  detection: Loadable<StackDetection>;
  /** The form as typed (tokens included: they stay in this window's memory and go only to the server). */
  values: OptionsValues;
  /** The checked choices the plan was made with and the install is started with. */
  options: StackOptions | undefined;
  plan: Loadable<StackPlan>;
  installStart: InstallStart;
  /** The install job shown on the install stage. */
  jobId: string | undefined;
  /** A failed or stopped install the next one resumes (its finished steps are skipped). */
  retryOf: string | undefined;
  access: Loadable<StackAccess>;

  /** Opens the wizard for a server; an install already running or stopped there is shown again instead of starting over. */
  open: (serverId: string) => Promise<void>;
  /** Forgets everything, e.g. when the server was removed. */
  reset: () => void;
  runPreflight: () => Promise<void>;
  toOptions: () => void;
  detect: () => Promise<void>;
  setValues: (patch: Partial<OptionsValues>) => void;
  /** Takes checked choices and makes the plan with them. */
  toPlan: (options: StackOptions) => Promise<void>;
  loadPlan: () => Promise<void>;
  backToOptions: () => void;
  backToPreflight: () => void;
  /** Starts the install with the chosen options, resuming `retryOf` when set. */
  install: () => Promise<void>;
  /** After a failed or stopped install: again with the same choices, or (when this window no longer has them) through the form. */
  retryInstall: (failedJobId: string) => Promise<void>;
  /** After a failed or stopped install: change the choices first; the next install still resumes the failed one. */
  changeChoices: (failedJobId: string) => void;
  toSuccess: () => Promise<void>;
  loadAccess: () => Promise<void>;
}

const IDLE = { status: 'idle' } as const;
const LOADING = { status: 'loading' } as const;
/** Install jobs in these states are shown again when the wizard opens, instead of starting anew. */
const RESUMABLE: ReadonlySet<JobSummary['status']> = new Set(['starting', 'running', 'failed', 'cancelled']);

function initial(serverId: string | undefined) {
  return {
    serverId,
    stage: 'start' as SetupStage,
    preflight: IDLE,
    detection: IDLE,
    values: EMPTY_OPTIONS,
    options: undefined,
    plan: IDLE,
    installStart: IDLE,
    jobId: undefined,
    retryOf: undefined,
    access: IDLE,
  };
}

/** The server's newest install job, if it has one. */
export function latestInstallJob(jobs: readonly JobSummary[]): JobSummary | undefined {
  return jobs
    .filter((job) => job.kind === 'stack.install')
    .reduce<JobSummary | undefined>(
      (latest, job) => (!latest || job.createdAt > latest.createdAt ? job : latest),
      undefined,
    );
}

export function createSetupState(client: ContractClient) {
  return create<SetupState>()((set, get) => {
    /** Runs `work` for the current server and keeps its result only if the wizard still shows that server. */
    const load = async <K extends 'preflight' | 'detection' | 'plan' | 'access', T>(
      key: K,
      work: (serverId: string) => Promise<T>,
    ): Promise<T | undefined> => {
      const serverId = get().serverId;
      if (!serverId) return undefined;
      set({ [key]: LOADING } as Partial<SetupState>);
      try {
        const value = await work(serverId);
        if (get().serverId === serverId) set({ [key]: { status: 'ready', value } } as Partial<SetupState>);
        return value;
      } catch (error) {
        if (get().serverId === serverId) set({ [key]: { status: 'failed', error } } as Partial<SetupState>);
        return undefined;
      }
    };

    return {
      ...initial(undefined),

      async open(serverId) {
        if (get().serverId === serverId) return;
        set(initial(serverId));
        try {
          const latest = latestInstallJob((await client.call('jobs.list', { serverId })).jobs);
          if (get().serverId !== serverId) return;
          if (latest && RESUMABLE.has(latest.status)) {
            set({ stage: 'install', jobId: latest.jobId });
            return;
          }
          if (latest?.status === 'succeeded') {
            await get().toSuccess();
            return;
          }
        } catch {
          // The checks below will show what is wrong with the server or the connection.
          if (get().serverId !== serverId) return;
        }
        set({ stage: 'preflight' });
        await get().runPreflight();
      },

      reset() {
        set(initial(undefined));
      },

      async runPreflight() {
        await load('preflight', (serverId) => client.call('preflight.run', { serverId }));
      },

      toOptions() {
        set({ stage: 'options' });
        const { detection } = get();
        if (detection.status === 'idle' || detection.status === 'failed') void get().detect();
      },

      async detect() {
        const detection = await load('detection', (serverId) => client.call('stack.detect', { serverId }));
        // An installed stack keeps its domain (the field is read-only then) and starts from its profile.
        if (detection?.domain) {
          set((state) => ({
            values: { ...state.values, domain: detection.domain!, profile: detection.profile ?? state.values.profile },
          }));
        }
      },

      setValues(patch) {
        set((state) => ({ values: { ...state.values, ...patch } }));
      },

      async toPlan(options) {
        set({ stage: 'plan', options, installStart: IDLE });
        await get().loadPlan();
      },

      async loadPlan() {
        const options = get().options;
        if (!options) return;
        await load('plan', (serverId) => client.call('stack.plan', { serverId, options }));
      },

      backToOptions() {
        set({ stage: 'options', plan: IDLE, installStart: IDLE });
      },

      backToPreflight() {
        set({ stage: 'preflight' });
      },

      async install() {
        const { serverId, options, retryOf } = get();
        if (!serverId || !options) return;
        set({ installStart: { status: 'starting' } });
        try {
          const { jobId } = await client.call('stack.install', {
            serverId,
            options,
            ...(retryOf ? { retryOf } : {}),
          });
          if (get().serverId !== serverId) return;
          set({ stage: 'install', jobId, retryOf: undefined, installStart: IDLE });
        } catch (error) {
          if (get().serverId === serverId) set({ installStart: { status: 'failed', error } });
        }
      },

      async retryInstall(failedJobId) {
        set({ retryOf: failedJobId });
        if (get().options) {
          await get().install();
          return;
        }
        // This window did not start the install (it was re-attached), so it does not know the choices.
        get().changeChoices(failedJobId);
      },

      changeChoices(failedJobId) {
        set({ retryOf: failedJobId, stage: 'options', plan: IDLE, installStart: IDLE });
        const { detection } = get();
        if (detection.status === 'idle' || detection.status === 'failed') void get().detect();
      },

      async toSuccess() {
        set({ stage: 'success' });
        await get().loadAccess();
      },

      async loadAccess() {
        await load('access', (serverId) => client.call('stack.access', { serverId }));
      },
    };
  });
}

export const useSetup = createSetupState(api);
