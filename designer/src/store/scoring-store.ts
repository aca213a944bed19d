/** Scoring models: the list, the model being edited (its draft document), validation and publishing. */
import { create } from 'zustand';
import type { ScoringModel } from '@tripline/scoring';
import { errorMessage, GraphqlRequestError } from '../api/graphql-client';
import {
  createScoringModel,
  fetchScoringModel,
  listScoringModels,
  publishScoringModel,
  submitScoringModelChange,
  updateScoringModelDraft,
  validateScoringModel,
  type ScoringModelRecord,
  type ScoringModelWithVersions,
  type ScoringProblem,
} from '../api/scoring-operations';
import { normalizeModel } from '../features/scoring/model-edits';
import { failed, IDLE, LOADING, READY, type LoadState } from './load-state';

export type ScoringAction = 'validate' | 'save' | 'publish';

export interface ScoringMessage {
  tone: 'ok' | 'error';
  text: string;
}

export interface ScoringState {
  list: ScoringModelRecord[];
  listState: LoadState;
  current: ScoringModelWithVersions | null;
  currentState: LoadState;
  /** The document on screen and the one last saved (JSON), to tell unsaved edits. */
  draft: ScoringModel | null;
  savedJson: string;
  problems: ScoringProblem[] | null;
  busy: ScoringAction | null;
  message: ScoringMessage | null;
  loadList: () => Promise<void>;
  load: (id: string) => Promise<void>;
  create: (name: string, definition?: unknown) => Promise<ScoringModelRecord | null>;
  edit: (change: (model: ScoringModel) => ScoringModel) => void;
  validate: () => Promise<boolean>;
  save: () => Promise<boolean>;
  publish: () => Promise<void>;
  reset: () => void;
}

const initial = {
  list: [],
  listState: IDLE,
  current: null,
  currentState: IDLE,
  draft: null,
  savedJson: '',
  problems: null,
  busy: null,
  message: null,
} satisfies Partial<ScoringState>;

export const isDirty = (state: Pick<ScoringState, 'draft' | 'savedJson'>): boolean => state.draft !== null && JSON.stringify(state.draft) !== state.savedJson;

export const useScoringStore = create<ScoringState>()((set, get) => {
  const patchListed = (record: ScoringModelRecord) =>
    set((s) => ({ list: s.list.some((m) => m.id === record.id) ? s.list.map((m) => (m.id === record.id ? { ...m, ...record } : m)) : [...s.list, record] }));

  const runValidation = async (): Promise<boolean> => {
    const draft = get().draft;
    if (!draft) return false;
    const result = await validateScoringModel(draft);
    set({ problems: result.problems });
    return result.ok;
  };

  return {
    ...initial,

    loadList: async () => {
      set({ listState: LOADING });
      try {
        set({ list: await listScoringModels(), listState: READY });
      } catch (error) {
        set({ listState: failed(errorMessage(error)) });
      }
    },

    load: async (id) => {
      set({ currentState: LOADING, ...(get().current?.id === id ? {} : { current: null, draft: null, savedJson: '', problems: null, message: null }) });
      try {
        const model = await fetchScoringModel(id);
        if (!model) {
          set({ currentState: failed(`There is no scoring model ${id} in this workspace.`) });
          return;
        }
        const draft = normalizeModel(model.draft);
        set({ current: model, currentState: READY, draft, savedJson: JSON.stringify(draft) });
      } catch (error) {
        set({ currentState: failed(errorMessage(error)) });
      }
    },

    create: async (name, definition) => {
      try {
        const record = await createScoringModel({ name, ...(definition === undefined ? {} : { definition }) });
        patchListed(record);
        return record;
      } catch (error) {
        set({ message: { tone: 'error', text: errorMessage(error) } });
        return null;
      }
    },

    edit: (change) => {
      const draft = get().draft;
      if (draft) set({ draft: change(draft) });
    },

    validate: async () => {
      set({ busy: 'validate', message: null });
      try {
        const ok = await runValidation();
        set({ message: ok ? { tone: 'ok', text: 'The model is valid.' } : null });
        return ok;
      } catch (error) {
        set({ message: { tone: 'error', text: errorMessage(error) } });
        return false;
      } finally {
        set({ busy: null });
      }
    },

    save: async () => {
      const { current, draft } = get();
      if (!current || !draft) return false;
      set({ busy: 'save', message: null });
      try {
        const name = draft.name?.trim();
        const saved = await updateScoringModelDraft(current.id, { definition: draft, ...(name ? { name } : {}) });
        patchListed(saved);
        set({ current: { ...current, ...saved }, savedJson: JSON.stringify(draft), message: { tone: 'ok', text: 'Draft saved.' } });
        return true;
      } catch (error) {
        set({ message: { tone: 'error', text: errorMessage(error) } });
        return false;
      } finally {
        set({ busy: null });
      }
    },

    publish: async () => {
      const { current } = get();
      if (!current) return;
      // Publishing takes the saved draft: save what is on screen first.
      if (isDirty(get()) && !(await get().save())) return;
      set({ busy: 'publish', message: null });
      try {
        const version = await publishScoringModel(current.id);
        const latest = get().current ?? current;
        const updated = { ...latest, publishedVersion: version.version, versions: [version, ...latest.versions.filter((v) => v.id !== version.id)] };
        patchListed(updated);
        set({ current: updated, message: { tone: 'ok', text: `Published version ${version.version}. Live scores of this version start fresh.` } });
      } catch (error) {
        if (needsApproval(error)) {
          try {
            const request = await submitScoringModelChange(current.id);
            const text =
              request.status === 'published'
                ? `Published version ${request.publishedVersion ?? '?'} (no approval needed for this change).`
                : `Submitted for approval: ${request.levels.map((level) => `${level.name} (${level.required})`).join(' → ')}. It goes live when approved.`;
            set({ message: { tone: 'ok', text } });
          } catch (submitError) {
            set({ message: { tone: 'error', text: errorMessage(submitError) } });
          }
          return;
        }
        set({ message: { tone: 'error', text: errorMessage(error) } });
        await runValidation().catch(() => undefined);
      } finally {
        set({ busy: null });
      }
    },

    reset: () => set(initial),
  };
});

/** The API refused a direct publish because the workspace's approval policy has levels. */
function needsApproval(error: unknown): boolean {
  return error instanceof GraphqlRequestError && error.code === 'FORBIDDEN' && /needs approval/.test(error.message);
}
