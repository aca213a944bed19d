/** The workspace's playbooks: the searchable list and the one being viewed. */
import { create } from 'zustand';
import { errorMessage } from '../api/graphql-client';
import { createPlaybook, fetchPlaybook, listPlaybooks } from '../api/operations';
import type { PlaybookRecord, PlaybookWithVersions } from '../api/types';
import { failed, IDLE, LOADING, READY, type LoadState } from './load-state';

export interface PlaybooksState {
  search: string;
  list: PlaybookRecord[];
  listState: LoadState;
  current: PlaybookWithVersions | null;
  currentState: LoadState;
  setSearch: (search: string) => void;
  loadList: () => Promise<void>;
  loadPlaybook: (id: string) => Promise<void>;
  /** Creates a playbook from a definition and returns its id. */
  create: (name: string, definition: unknown) => Promise<string>;
  /** Keeps the viewed playbook (if it is still `id`) and its list row in step after a save or publish. */
  patchPlaybook: (id: string, patch: Partial<PlaybookWithVersions>) => void;
  reset: () => void;
}

// Only the answer to the latest list request is shown (typing in the search box fires several).
let listRequest = 0;

export const usePlaybooksStore = create<PlaybooksState>()((set, get) => ({
  search: '',
  list: [],
  listState: IDLE,
  current: null,
  currentState: IDLE,

  setSearch: (search) => set({ search }),

  loadList: async () => {
    const request = ++listRequest;
    set({ listState: LOADING });
    try {
      const list = await listPlaybooks(get().search);
      if (request === listRequest) set({ list, listState: READY });
    } catch (error) {
      if (request === listRequest) set({ listState: failed(errorMessage(error)) });
    }
  },

  loadPlaybook: async (id) => {
    set((s) => ({ currentState: s.current?.id === id ? READY : LOADING, current: s.current?.id === id ? s.current : null }));
    try {
      const playbook = await fetchPlaybook(id);
      if (!playbook) set({ current: null, currentState: failed(`No playbook with id "${id}" in this workspace.`) });
      else set({ current: playbook, currentState: READY });
    } catch (error) {
      set({ currentState: failed(errorMessage(error)) });
    }
  },

  create: async (name, definition) => {
    const created = await createPlaybook({ name, definition });
    set((s) => ({ list: [created, ...s.list.filter((p) => p.id !== created.id)] }));
    return created.id;
  },

  patchPlaybook: (id, patch) =>
    set((s) => ({
      current: s.current?.id === id ? { ...s.current, ...patch, id } : s.current,
      list: s.list.map((p) => (p.id === id ? { ...p, ...patch, id } : p)),
    })),

  reset: () => set({ search: '', list: [], listState: IDLE, current: null, currentState: IDLE }),
}));
