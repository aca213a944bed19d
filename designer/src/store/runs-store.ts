/** Runs on screen: the workspace's recent runs and the runs opened one by one, kept live by `runUpdated`. */
import { create } from 'zustand';
import { onLiveConnectionChange } from '../api/client';
import { errorMessage } from '../api/graphql-client';
import { fetchPlaybook, fetchRun, listRuns } from '../api/operations';
import type { ConnectionState } from '../api/subscriptions';
import type { Run, RunFilter } from '../api/types';
import { failed, IDLE, LOADING, READY, type LoadState } from './load-state';
import { isNewer, mergeRunIntoList } from './merge-run';

export const RUN_LIST_LIMIT = 50;

/** The playbook version a run executes: its definition draws the run's canvas. */
export interface RunSnapshot {
  state: LoadState;
  definition: unknown;
}

/** The runs list's filters (what `runs(filter:)` takes); empty strings mean "any". */
export interface RunListFilter {
  status: Run['status'] | '';
  playbookId: string;
  subjectId: string;
}

export const NO_RUN_FILTER: RunListFilter = { status: '', playbookId: '', subjectId: '' };

/** Whether a run (e.g. a live update) belongs in the list under `filter`. */
export function matchesRunFilter(run: Run, filter: RunListFilter): boolean {
  return (
    (filter.status === '' || run.status === filter.status) &&
    (filter.playbookId === '' || run.playbookId === filter.playbookId) &&
    (filter.subjectId.trim() === '' || run.subjectId === filter.subjectId.trim())
  );
}

function toQueryFilter(filter: RunListFilter): RunFilter {
  return {
    limit: RUN_LIST_LIMIT,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.playbookId ? { playbookId: filter.playbookId } : {}),
    ...(filter.subjectId.trim() ? { subjectId: filter.subjectId.trim() } : {}),
  };
}

// Only the answer to the latest list request is shown (changing filters fires several).
let listRequest = 0;

export interface RunsState {
  list: Run[];
  filter: RunListFilter;
  listState: LoadState;
  byId: Record<string, Run>;
  runState: Record<string, LoadState>;
  snapshots: Record<string, RunSnapshot>;
  live: ConnectionState | 'idle';
  liveError: string | null;
  loadList: () => Promise<void>;
  /** Changes the list's filters and loads the list again. */
  setFilter: (patch: Partial<RunListFilter>) => Promise<void>;
  loadRun: (id: string) => Promise<void>;
  loadSnapshot: (playbookId: string, version: number) => Promise<void>;
  applyRunUpdate: (run: Run) => void;
  setLive: (live: ConnectionState, error?: string | null) => void;
  reset: () => void;
}

export const snapshotKey = (playbookId: string, version: number) => `${playbookId}@${version}`;

const initial = {
  list: [] as Run[],
  filter: NO_RUN_FILTER,
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
    const request = ++listRequest;
    set({ listState: get().list.length ? READY : LOADING });
    try {
      const runs = await listRuns(toQueryFilter(get().filter));
      if (request !== listRequest) return;
      // Updates that arrived while the query ran may be newer than its answer.
      const merged = runs.map((run) => {
        const held = get().list.find((r) => r.id === run.id);
        return held && !isNewer(run, held) ? held : run;
      });
      set({ list: merged, listState: READY });
    } catch (error) {
      if (request !== listRequest) return;
      set({ listState: failed(errorMessage(error)) });
    }
  },

  setFilter: async (patch) => {
    set((s) => ({ filter: { ...s.filter, ...patch }, list: [], listState: LOADING }));
    await get().loadList();
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
        list: matchesRunFilter(run, s.filter)
          ? mergeRunIntoList(s.list, run, RUN_LIST_LIMIT)
          : s.list.filter((r) => r.id !== run.id),
      };
    }),

  setLive: (live, error = null) => set({ live, liveError: error }),

  reset: () => set(initial),
}));

// The websocket's state is app-wide: follow it for as long as the app runs, not just while a page listens.
onLiveConnectionChange((state) => useRunsStore.getState().setLive(state));
