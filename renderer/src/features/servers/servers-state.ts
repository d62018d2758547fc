import { create } from 'zustand';
import type { AuthPrompt, HostKeyPrompt, ServerSummary } from '../../../../electron/contract/server-schemas';
import type { ContractClient } from '../../api/client';
import { api } from '../../api';

export type ListState = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready' };

/** What the person last asked of one server, while it runs and when it failed (the summary says the rest). */
export type ServerAction =
  | { kind: 'connect' | 'disconnect' | 'remove' | 'sudoPassword' | 'test'; status: 'running' }
  | { kind: 'connect' | 'disconnect' | 'remove' | 'sudoPassword' | 'test'; status: 'failed'; error: unknown };

export interface ServersState {
  list: ListState;
  servers: ServerSummary[];
  actions: Record<string, ServerAction | undefined>;
  /** Questions main is waiting on while it connects; the oldest is shown first. */
  hostKeyPrompts: HostKeyPrompt[];
  authPrompts: AuthPrompt[];
  load: () => Promise<void>;
  receive: (servers: ServerSummary[]) => void;
  /** Runs one call for a server and keeps whether it is running or why it failed. */
  run: <T>(id: string, kind: ServerAction['kind'], work: () => Promise<T>) => Promise<T | undefined>;
  clearAction: (id: string) => void;
  promptHostKey: (prompt: HostKeyPrompt) => void;
  answerHostKey: (promptId: string, accept: boolean) => Promise<void>;
  promptAuth: (prompt: AuthPrompt) => void;
  answerAuth: (promptId: string, answers: string[] | null) => Promise<void>;
}

/** Adds the prompts not already listed, keeping the order they were asked in. */
function mergePrompts<P extends { promptId: string }>(listed: P[], pending: P[]): P[] {
  const known = new Set(listed.map((prompt) => prompt.promptId));
  return [...listed, ...pending.filter((prompt) => !known.has(prompt.promptId))];
}

const WAITING: ReadonlySet<ServerSummary['status']> = new Set(['connecting', 'reconnecting']);

export function createServersState(client: ContractClient) {
  return create<ServersState>()((set) => ({
    list: { status: 'loading' },
    servers: [],
    actions: {},
    hostKeyPrompts: [],
    authPrompts: [],

    async load() {
      set({ list: { status: 'loading' } });
      try {
        const [{ servers }, pending] = await Promise.all([
          client.call('servers.list', {}),
          client.call('prompts.pending', {}),
        ]);
        // Questions asked while this window was away (or before it opened) are still waiting.
        set((state) => ({
          servers,
          list: { status: 'ready' },
          hostKeyPrompts: mergePrompts(state.hostKeyPrompts, pending.hostKey),
          authPrompts: mergePrompts(state.authPrompts, pending.auth),
        }));
      } catch (error) {
        set({ list: { status: 'failed', error } });
      }
    },

    receive(servers) {
      // A question about a server that is no longer connecting was answered elsewhere or has timed out.
      const waiting = new Set(servers.filter((server) => WAITING.has(server.status)).map((server) => server.id));
      set((state) => ({
        servers,
        list: { status: 'ready' },
        hostKeyPrompts: state.hostKeyPrompts.filter((prompt) => waiting.has(prompt.serverId)),
        authPrompts: state.authPrompts.filter((prompt) => waiting.has(prompt.serverId)),
      }));
    },

    async run(id, kind, work) {
      set((state) => ({ actions: { ...state.actions, [id]: { kind, status: 'running' } } }));
      try {
        const result = await work();
        set((state) => ({ actions: { ...state.actions, [id]: undefined } }));
        return result;
      } catch (error) {
        set((state) => ({ actions: { ...state.actions, [id]: { kind, status: 'failed', error } } }));
        return undefined;
      }
    },

    clearAction(id) {
      set((state) => ({ actions: { ...state.actions, [id]: undefined } }));
    },

    promptHostKey(prompt) {
      set((state) => ({ hostKeyPrompts: mergePrompts(state.hostKeyPrompts, [prompt]) }));
    },

    async answerHostKey(promptId, accept) {
      set((state) => ({ hostKeyPrompts: state.hostKeyPrompts.filter((prompt) => prompt.promptId !== promptId) }));
      await client.call('hostKey.answer', { promptId, accept }).catch(() => undefined);
    },

    promptAuth(prompt) {
      set((state) => ({ authPrompts: mergePrompts(state.authPrompts, [prompt]) }));
    },

    async answerAuth(promptId, answers) {
      set((state) => ({ authPrompts: state.authPrompts.filter((prompt) => prompt.promptId !== promptId) }));
      await client.call('auth.answer', { promptId, answers }).catch(() => undefined);
    },
  }));
}

export const useServers = createServersState(api);

/** Subscribes the store to main's server events; returns the unsubscribe. */
export function subscribeToServerEvents(client: ContractClient = api): () => void {
  const state = useServers.getState();
  const offs = [
    client.on('servers.changed', ({ servers }) => state.receive(servers)),
    client.on('hostKey.prompt', (prompt) => state.promptHostKey(prompt)),
    client.on('auth.prompt', (prompt) => state.promptAuth(prompt)),
  ];
  return () => offs.forEach((off) => off());
}

/** The server the sidebar reports on: one in use (connected or on its way there), else the first one. */
export function featuredServer(servers: readonly ServerSummary[]): ServerSummary | undefined {
  return (
    servers.find((server) => server.status === 'connected') ??
    servers.find((server) => server.status !== 'disconnected') ??
    servers[0]
  );
}
