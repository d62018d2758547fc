import { create } from 'zustand';
import type { CallOutput } from '../../../../electron/contract/contract';
import type { DnsPlanOptions, DnsPlanResult, DnsServerCheck } from '../../../../electron/contract/dns-schemas';
import type { PreflightFinding } from '../../../../common/agent-contract';
import type { ProviderId } from '../../../../common/dns/vps-providers';
import type { ContractClient } from '../../api/client';
import { api } from '../../api';
import type { Loadable } from '../setup/setup-state';

/**
 * The DNS page of one server: the record plan with the choices it was made with, and the latest round of
 * live checks. Kept here rather than in the page, so a visit to Settings (to switch the language) does not
 * throw the results away.
 */
export interface DnsState {
  serverId: string | undefined;
  options: DnsPlanOptions;
  plan: Loadable<DnsPlanResult>;
  /** The latest record check; kept while the next one runs, so the list does not flicker. */
  report: Loadable<CallOutput<'dns.check'>>;
  /** TLS certificates and inbound port 25. */
  server: Loadable<DnsServerCheck>;
  /** The preflight's outbound port 25 finding, run again on request. */
  outbound: Loadable<PreflightFinding>;
  /** A round of checks is running. */
  checking: boolean;
  /** Rounds run by themselves since the page opened or the user last checked (bounded: MAX_AUTO_CHECKS). */
  autoRounds: number;
  /** The VPS provider the user picked for the help texts ('other': none of the known ones); unset: the guess. */
  provider: ProviderId | 'other' | undefined;

  /** Shows a server's records: the plan, then a first round of checks. */
  open: (serverId: string) => Promise<void>;
  setOptions: (patch: DnsPlanOptions) => Promise<void>;
  loadPlan: () => Promise<void>;
  /** One round: the records (with PTR and blocklists), and the certificates and port 25, side by side. */
  check: (by: 'user' | 'auto') => Promise<void>;
  checkOutbound: () => Promise<void>;
  pickProvider: (provider: ProviderId | 'other') => void;
}

const IDLE = { status: 'idle' } as const;
const LOADING = { status: 'loading' } as const;

export const DEFAULT_DNS_OPTIONS: DnsPlanOptions = {
  useCnames: false,
  mtaSts: false,
  tlsRpt: false,
  srv: false,
  caa: false,
};

export function createDnsState(client: ContractClient) {
  return create<DnsState>()((set, get) => {
    /** Keeps a result only while the page still shows the server it was asked for. */
    const stillFor = (serverId: string) => get().serverId === serverId;
    /** Rounds are numbered: an older round that answers late (options changed meanwhile) is not shown. */
    let latestRound = 0;

    const settle = async <K extends 'report' | 'server' | 'outbound'>(
      current: () => boolean,
      key: K,
      work: () => Promise<unknown>,
    ): Promise<void> => {
      try {
        const value = await work();
        if (current()) set({ [key]: { status: 'ready', value } } as Partial<DnsState>);
      } catch (error) {
        if (current()) set({ [key]: { status: 'failed', error } } as Partial<DnsState>);
      }
    };

    /** What the page knows of one server: nothing yet, for a server opened anew. */
    const fresh = {
      plan: IDLE,
      report: IDLE,
      server: IDLE,
      outbound: IDLE,
      checking: false,
      autoRounds: 0,
      provider: undefined,
    } as const;

    return {
      serverId: undefined,
      options: DEFAULT_DNS_OPTIONS,
      ...fresh,

      async open(serverId) {
        if (get().serverId === serverId && get().plan.status !== 'failed') return;
        set({ serverId, ...fresh });
        await get().loadPlan();
        if (!stillFor(serverId) || get().plan.status !== 'ready') return;
        await Promise.all([get().check('user'), get().checkOutbound()]);
      },

      async setOptions(patch) {
        set((state) => ({ options: { ...state.options, ...patch } }));
        await get().loadPlan();
        if (get().plan.status === 'ready') await get().check('user');
      },

      async loadPlan() {
        const { serverId, options } = get();
        if (!serverId) return;
        // the previous plan stays on screen while the new one is made (a toggle should not blank the page)
        if (get().plan.status !== 'ready') set({ plan: LOADING });
        try {
          const value = await client.call('dns.plan', { serverId, options });
          if (stillFor(serverId)) set({ plan: { status: 'ready', value } });
        } catch (error) {
          if (stillFor(serverId)) set({ plan: { status: 'failed', error } });
        }
      },

      async check(by) {
        const { serverId, options, checking } = get();
        // a round of its own never overlaps another; the user's (or new options') replaces a running one
        if (!serverId || (checking && by === 'auto')) return;
        const round = ++latestRound;
        const current = () => stillFor(serverId) && round === latestRound;
        set((state) => ({
          checking: true,
          autoRounds: by === 'auto' ? state.autoRounds + 1 : 0,
          report: state.report.status === 'ready' ? state.report : LOADING,
          server: state.server.status === 'ready' ? state.server : LOADING,
        }));
        await Promise.all([
          settle(current, 'report', () => client.call('dns.check', { serverId, options })),
          settle(current, 'server', () => client.call('dns.checkServer', { serverId })),
        ]);
        if (current()) set({ checking: false });
      },

      pickProvider(provider) {
        set({ provider });
      },

      async checkOutbound() {
        const serverId = get().serverId;
        if (!serverId) return;
        set({ outbound: LOADING });
        await settle(
          () => stillFor(serverId),
          'outbound',
          async () => {
            const { findings } = await client.call('preflight.run', { serverId });
            const finding = findings.find((candidate) => candidate.id === 'outboundSmtp');
            if (!finding) throw new Error('the server did not report the outbound port 25 check');
            return finding;
          },
        );
      },
    };
  });
}

export const useDns = createDnsState(api);
