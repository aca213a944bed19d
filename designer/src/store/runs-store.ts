/** Runs on screen: the workspace's recent runs and the runs opened one by one, kept live by `runUpdated`. */
import { create } from 'zustand';
import { onLiveConnectionChange } from '../api/client';
import { errorMessage } from '../api/graphql-client';
import { fetchPlaybook, fetchRun, listRuns } from '../api/operations';
import type { ConnectionState } from '../api/subscriptions';
import type { Run } from '../api/types';
import { failed, IDLE, LOADING, READY, type LoadState } from './load-state';
import { isNewer, mergeRunIntoList } from './merge-run';

export const RUN_LIST_LIMIT = 50;

/** The playbook version a run executes: its definition draws the run's canvas. */
export interface RunSnapshot {
  state: LoadState;
  definition: unknown;
}

export interface RunsState {
  list: Run[];
  listState: LoadState;
  byId: Record<string, Run>;
  runState: Record<string, LoadState>;
  snapshots: Record<string, RunSnapshot>;
  live: ConnectionState | 'idle';
  liveError: string | null;
  loadList: () => Promise<void>;
  loadRun: (id: string) => Promise<void>;
  loadSnapshot: (playbookId: string, version: number) => Promise<void>;
  applyRunUpdate: (run: Run) => void;
  setLive: (live: ConnectionState, error?: string | null) => void;
  reset: () => void;
}

export const snapshotKey = (playbookId: string, version: number) => `${playbookId}@${version}`;

const initial = {
  list: [] as Run[],
  listState: IDLE,
  byId: {} as Record<string, Run>,
  runState: {} as Record<string, LoadState>,
  snapshots: {} as Record<string, RunSnapshot>,
  live: 'idle' as const,
  liveError: null,
};

export const useRunsStore = create<RunsState>()((set, get) => ({
  ...initial,

  loadList: async () => {
    set({ listState: get().list.length ? READY : LOADING });
    try {
      const runs = await listRuns({ limit: RUN_LIST_LIMIT });
      // Updates that arrived while the query ran may be newer than its answer.
      const merged = runs.map((run) => {
        const held = get().list.find((r) => r.id === run.id);
        return held && !isNewer(run, held) ? held : run;
      });
      set({ list: merged, listState: READY });
    } catch (error) {
      set({ listState: failed(errorMessage(error)) });
    }
  },

  loadRun: async (id) => {
    set((s) => ({ runState: { ...s.runState, [id]: s.byId[id] ? READY : LOADING } }));
    try {
      const run = await fetchRun(id);
      if (!run) {
        set((s) => ({ runState: { ...s.runState, [id]: failed(`No run with id "${id}" in this workspace.`) } }));
        return;
      }
      get().applyRunUpdate(run);
      set((s) => ({ runState: { ...s.runState, [id]: READY } }));
    } catch (error) {
      set((s) => ({ runState: { ...s.runState, [id]: failed(errorMessage(error)) } }));
    }
  },

  loadSnapshot: async (playbookId, version) => {
    const key = snapshotKey(playbookId, version);
    if (get().snapshots[key]?.state.status === 'ready') return;
    set((s) => ({ snapshots: { ...s.snapshots, [key]: { state: LOADING, definition: null } } }));
    try {
      const playbook = await fetchPlaybook(playbookId);
      const found = playbook?.versions.find((v) => v.version === version);
      const snapshot: RunSnapshot = found
        ? { state: READY, definition: found.definition }
        : { state: failed(`Version ${version} of this playbook is not available.`), definition: null };
      set((s) => ({ snapshots: { ...s.snapshots, [key]: snapshot } }));
    } catch (error) {
      set((s) => ({ snapshots: { ...s.snapshots, [key]: { state: failed(errorMessage(error)), definition: null } } }));
    }
  },

  applyRunUpdate: (run) =>
    set((s) => {
      const held = s.byId[run.id];
      if (!isNewer(run, held)) return {};
      return {
        byId: { ...s.byId, [run.id]: run },
        list: mergeRunIntoList(s.list, run, RUN_LIST_LIMIT),
      };
    }),

  setLive: (live, error = null) => set({ live, liveError: error }),

  reset: () => set(initial),
}));

// The websocket's state is app-wide: follow it for as long as the app runs, not just while a page listens.
onLiveConnectionChange((state) => useRunsStore.getState().setLive(state));
