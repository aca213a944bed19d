/**
 * The workspace's connections, for the action panel's connection picker. Listing connections is an
 * admin operation (docs/graphql-contract.md): for other roles the API answers FORBIDDEN, and the
 * picker falls back to typing a connection's name.
 */
import { create } from 'zustand';
import { GraphqlRequestError } from '../api/graphql-client';
import { listConnections } from '../api/operations';
import type { WorkspaceConnection } from '../api/types';
import { useSessionStore } from './session-store';

export type ConnectionsStatus = 'idle' | 'loading' | 'ready' | 'forbidden' | 'failed';

export interface ConnectionsState {
  connections: WorkspaceConnection[];
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
      set({ connections: await listConnections(), status: 'ready' });
    } catch (error) {
      set({ status: error instanceof GraphqlRequestError && error.code === 'FORBIDDEN' ? 'forbidden' : 'failed' });
    }
  },
}));

// Another session may be another workspace (or role): its connections are loaded afresh.
useSessionStore.subscribe((session, previous) => {
  if (session.token !== previous.token) useConnectionsStore.setState({ connections: [], status: 'idle' });
});
