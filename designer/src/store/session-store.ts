/** Who is signed in. Persisted in localStorage so a reload keeps the session. */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { AuthPayload, Role, User, Workspace } from '../api/types';

export interface SessionState {
  token: string | null;
  user: User | null;
  workspace: Workspace | null;
  role: Role | null;
  /** Why the last session ended, when it was not the user's choice (e.g. an expired token). */
  notice: string | null;
  signedIn: (payload: AuthPayload) => void;
  signOut: (notice?: string) => void;
}

export const SESSION_STORAGE_KEY = 'tripline.session';

export const useSessionStore = create<SessionState>()(
  persist(
    (set) => ({
      token: null,
      user: null,
      workspace: null,
      role: null,
      notice: null,
      signedIn: ({ token, user, workspace, role }) => set({ token, user, workspace, role, notice: null }),
      signOut: (notice) => set({ token: null, user: null, workspace: null, role: null, notice: notice ?? null }),
    }),
    {
      name: SESSION_STORAGE_KEY,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ token, user, workspace, role }) => ({ token, user, workspace, role }),
    },
  ),
);

/** Roles that may create, edit and publish playbooks (docs/graphql-contract.md). */
export function canEditPlaybooks(role: Role | null): boolean {
  return role === 'admin' || role === 'editor';
}
