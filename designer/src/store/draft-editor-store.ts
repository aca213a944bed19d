/** The JSON editor of one playbook's draft: its text, what the canvas draws of it, and the last validation. */
import { create } from 'zustand';
import type { Playbook } from '@tripline/playbook';
import { errorMessage, GraphqlRequestError } from '../api/graphql-client';
import { publishPlaybook, submitPlaybookChange, updatePlaybookDraft, validatePlaybook } from '../api/operations';
import type { GraphqlValidationProblem, PlaybookRecord } from '../api/types';
import { asDrawablePlaybook } from '../canvas/drawable';
import { formatDraft, parseDraftText } from '../features/playbooks/draft-text';
import { usePlaybooksStore } from './playbooks-store';

export type EditorAction = 'validate' | 'save' | 'publish';

export interface EditorMessage {
  tone: 'ok' | 'error';
  text: string;
}

export interface DraftEditorState {
  playbookId: string | null;
  text: string;
  savedText: string;
  /** The last text that parsed into a drawable graph: the canvas keeps showing it while JSON is mid-edit. */
  drawn: Playbook | null;
  /** Why the current text cannot be drawn (bad JSON, wrong shape); null when it is drawn. */
  parseError: string | null;
  /** Problems of the last validation; `validatedText` is the text they were found in. */
  problems: GraphqlValidationProblem[] | null;
  validatedText: string | null;
  busy: EditorAction | null;
  message: EditorMessage | null;
  open: (playbook: PlaybookRecord) => void;
  edit: (text: string) => void;
  validate: () => Promise<boolean>;
  save: () => Promise<boolean>;
  publish: () => Promise<void>;
}

export const useDraftEditorStore = create<DraftEditorState>()((set, get) => {
  /** Parses the text; a message in `message` (and false) when it is not JSON. */
  const currentDefinition = (): { ok: true; value: unknown } | { ok: false } => {
    const parsed = parseDraftText(get().text);
    if (!parsed.ok) set({ message: { tone: 'error', text: parsed.error } });
    return parsed.ok ? parsed : { ok: false };
  };

  const runValidation = async (text: string, definition: unknown): Promise<boolean> => {
    const result = await validatePlaybook(definition);
    set({ problems: result.problems, validatedText: text });
    return result.ok;
  };

  /** The workspace's approval policy stood in the way: the draft goes to the approvers as a change request. */
  const submitForApproval = async (playbookId: string): Promise<void> => {
    try {
      const request = await submitPlaybookChange(playbookId);
      const text =
        request.status === 'published'
          ? `Published version ${request.publishedVersion ?? '?'} (no approval needed for this change).`
          : `Submitted for approval: ${request.levels.map((level) => `${level.name} (${level.required})`).join(' → ')}. It goes live when approved.`;
      set({ message: { tone: 'ok', text } });
    } catch (error) {
      set({ message: { tone: 'error', text: errorMessage(error) } });
    }
  };

  return {
    playbookId: null,
    text: '',
    savedText: '',
    drawn: null,
    parseError: null,
    problems: null,
    validatedText: null,
    busy: null,
    message: null,

    open: (playbook) => {
      const { playbookId, text, savedText } = get();
      const same = playbookId === playbook.id;
      // A reload of the playbook being edited must not throw away unsaved edits.
      if (same && text !== savedText) return;
      const formatted = formatDraft(playbook.draft);
      if (same && formatted === savedText) return;
      set({
        playbookId: playbook.id,
        savedText: formatted,
        ...(same ? {} : { drawn: null, problems: null, validatedText: null, message: null, busy: null }),
      });
      get().edit(formatted);
    },

    edit: (text) => {
      const parsed = parseDraftText(text);
      if (!parsed.ok) {
        set({ text, parseError: parsed.error });
        return;
      }
      const drawable = asDrawablePlaybook(parsed.value);
      set(drawable.ok ? { text, drawn: drawable.playbook, parseError: null } : { text, parseError: `Cannot draw the draft: ${drawable.reason}.` });
    },

    validate: async () => {
      const definition = currentDefinition();
      if (!definition.ok) return false;
      const text = get().text;
      set({ busy: 'validate', message: null });
      try {
        const ok = await runValidation(text, definition.value);
        set({ message: ok ? { tone: 'ok', text: 'The draft is valid.' } : null });
        return ok;
      } catch (error) {
        set({ message: { tone: 'error', text: errorMessage(error) } });
        return false;
      } finally {
        set({ busy: null });
      }
    },

    save: async () => {
      const { playbookId, text } = get();
      const definition = currentDefinition();
      if (!playbookId || !definition.ok) return false;
      set({ busy: 'save', message: null });
      try {
        const name = (definition.value as { name?: unknown }).name;
        const saved = await updatePlaybookDraft(playbookId, {
          definition: definition.value,
          ...(typeof name === 'string' && name.trim() !== '' ? { name } : {}),
        });
        usePlaybooksStore.getState().patchPlaybook(playbookId, saved);
        set({ savedText: text, message: { tone: 'ok', text: 'Draft saved.' } });
        return true;
      } catch (error) {
        set({ message: { tone: 'error', text: errorMessage(error) } });
        return false;
      } finally {
        set({ busy: null });
      }
    },

    publish: async () => {
      const { playbookId, text, savedText } = get();
      if (!playbookId) return;
      // Publishing takes the saved draft: save what is on screen first, so what you see is what goes live.
      if (text !== savedText && !(await get().save())) return;
      set({ busy: 'publish', message: null });
      try {
        const version = await publishPlaybook(playbookId);
        const playbooks = usePlaybooksStore.getState();
        playbooks.patchPlaybook(playbookId, {
          status: 'published',
          publishedVersion: version.version,
          versions: [...(playbooks.current?.versions ?? []).filter((v) => v.id !== version.id), version],
        });
        set({ message: { tone: 'ok', text: `Published version ${version.version}. New triggers run this version.` } });
      } catch (error) {
        if (needsApproval(error)) {
          await submitForApproval(playbookId);
          return;
        }
        set({ message: { tone: 'error', text: errorMessage(error) } });
        // Show which nodes block publishing.
        const definition = parseDraftText(get().text);
        if (definition.ok) await runValidation(get().text, definition.value).catch(() => undefined);
      } finally {
        set({ busy: null });
      }
    },
  };
});

/** The API refused a direct publish because the workspace's approval policy has levels. */
function needsApproval(error: unknown): boolean {
  return error instanceof GraphqlRequestError && error.code === 'FORBIDDEN' && /needs approval/.test(error.message);
}
