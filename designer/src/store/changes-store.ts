/** Governance data on screen: playbook histories, change requests and the approvals inbox. */
import { create } from 'zustand';
import { APPROVER_ROLES } from '@tripline/playbook';
import {
  fetchChangeRequest,
  fetchPlaybookHistory,
  listApprovalRequests,
  listChangeRequests,
  openChangeRequestLink,
  type ApprovalRequest,
  type ChangeRequest,
  type PlaybookHistory,
} from '../api/changes-operations';
import { errorMessage } from '../api/graphql-client';
import { failed, IDLE, LOADING, READY, type LoadState } from './load-state';

export interface ChangesState {
  histories: Record<string, PlaybookHistory>;
  historyState: Record<string, LoadState>;
  requests: Record<string, ChangeRequest>;
  requestState: Record<string, LoadState>;
  /** Change requests per target (playbook), newest first. */
  byTarget: Record<string, string[]>;
  inbox: { changeRequests: string[]; gates: ApprovalRequest[] };
  inboxState: LoadState;
  loadHistory: (playbookId: string) => Promise<void>;
  loadTargetRequests: (targetId: string) => Promise<void>;
  loadRequest: (id: string, token?: string | null) => Promise<void>;
  loadInbox: () => Promise<void>;
  /** A request as a mutation answered it. */
  put: (request: ChangeRequest) => void;
  putGate: (gate: ApprovalRequest) => void;
  reset: () => void;
}

const initial = {
  histories: {},
  historyState: {},
  requests: {},
  requestState: {},
  byTarget: {},
  inbox: { changeRequests: [], gates: [] },
  inboxState: IDLE,
};

const indexed = (requests: ChangeRequest[]) => Object.fromEntries(requests.map((r) => [r.id, r]));

export const useChangesStore = create<ChangesState>()((set) => ({
  ...initial,

  loadHistory: async (playbookId) => {
    set((s) => ({ historyState: { ...s.historyState, [playbookId]: LOADING } }));
    try {
      const history = await fetchPlaybookHistory(playbookId);
      if (!history) throw new Error('No such playbook');
      set((s) => ({
        histories: { ...s.histories, [playbookId]: history },
        historyState: { ...s.historyState, [playbookId]: READY },
      }));
    } catch (error) {
      set((s) => ({ historyState: { ...s.historyState, [playbookId]: failed(errorMessage(error)) } }));
    }
  },

  loadTargetRequests: async (targetId) => {
    const requests = await listChangeRequests({ targetId });
    set((s) => ({ requests: { ...s.requests, ...indexed(requests) }, byTarget: { ...s.byTarget, [targetId]: requests.map((r) => r.id) } }));
  },

  loadRequest: async (id, token) => {
    set((s) => ({ requestState: { ...s.requestState, [id]: LOADING } }));
    try {
      const request = token ? await openChangeRequestLink(token) : await fetchChangeRequest(id);
      set((s) => ({
        requests: { ...s.requests, [request.id]: request },
        requestState: { ...s.requestState, [id]: READY, [request.id]: READY },
      }));
    } catch (error) {
      set((s) => ({ requestState: { ...s.requestState, [id]: failed(errorMessage(error)) } }));
    }
  },

  loadInbox: async () => {
    set({ inboxState: LOADING });
    try {
      const [changeRequests, gates] = await Promise.all([listChangeRequests({ status: 'pending' }), listApprovalRequests('PENDING')]);
      set((s) => ({
        requests: { ...s.requests, ...indexed(changeRequests) },
        inbox: { changeRequests: changeRequests.map((r) => r.id), gates },
        inboxState: READY,
      }));
    } catch (error) {
      set({ inboxState: failed(errorMessage(error)) });
    }
  },

  put: (request) =>
    set((s) => {
      const ids = s.byTarget[request.targetId];
      return {
        requests: { ...s.requests, [request.id]: request },
        ...(ids && !ids.includes(request.id) ? { byTarget: { ...s.byTarget, [request.targetId]: [request.id, ...ids] } } : {}),
      };
    }),

  putGate: (gate) => set((s) => ({ inbox: { ...s.inbox, gates: s.inbox.gates.map((g) => (g.id === gate.id ? gate : g)) } })),

  reset: () => set(initial),
}));

/**
 * Roles that see the approvals inbox: every role that may be asked to decide (a gate can be assigned
 * to editors or operators too); viewers only read.
 */
export function seesApprovals(role: string | null): boolean {
  return role !== null && (APPROVER_ROLES as readonly string[]).includes(role);
}

