/**
 * The workspace's connections, for the action panel's connection picker (`connectionOptions`: names
 * and health, for editors and admins). Other roles get FORBIDDEN, and the picker falls back to
 * typing a connection's name (they cannot edit anyway).
 */
import { create } from 'zustand';
import { GraphqlRequestError } from '../api/graphql-client';
import { listConnectionOptions, type ConnectionOption } from '../api/connection-budget-operations';
import { useSessionStore } from './session-store';

export type ConnectionsStatus = 'idle' | 'loading' | 'ready' | 'forbidden' | 'failed';

export interface ConnectionsState {
  connections: ConnectionOption[];
  status: ConnectionsStatus;
  load: () => Promise<void>;
}

export const useConnectionsStore = create<ConnectionsState>()((set, get) => ({
  connections: [],
  status: 'idle',
  load: async () => {
    if (get().status !== 'idle' && get().status !== 'failed') return;
    set({ status: 'loading' });
    try {
      set({ connections: await listConnectionOptions(), status: 'ready' });
    } catch (error) {
      set({ status: error instanceof GraphqlRequestError && error.code === 'FORBIDDEN' ? 'forbidden' : 'failed' });
    }
  },
}));

// Another session may be another workspace (or role): its connections are loaded afresh.
useSessionStore.subscribe((session, previous) => {
  if (session.token !== previous.token) useConnectionsStore.setState({ connections: [], status: 'idle' });
});
