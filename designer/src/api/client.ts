/** The app's API connections, bound to the signed-in session. */
import type { Client } from 'graphql-ws';
import { useSessionStore } from '../store/session-store';
import { createGraphqlClient } from './graphql-client';
import { createSubscriptionsClient, websocketUrl, type ConnectionState } from './subscriptions';

const currentToken = () => useSessionStore.getState().token;

export const graphql = createGraphqlClient({
  url: '/graphql',
  getToken: currentToken,
  onUnauthenticated: () => {
    if (currentToken()) useSessionStore.getState().signOut('Your session has ended. Please sign in again.');
  },
});

type Listener<T> = (value: T) => void;
const reconnectListeners = new Set<Listener<void>>();
const connectionListeners = new Set<Listener<ConnectionState>>();
let subscriptionsClient: Client | null = null;

/** One websocket for the whole app, opened on first use and closed on sign-out. */
export function liveClient(): Client {
  subscriptionsClient ??= createSubscriptionsClient({
    url: websocketUrl(window.location),
    getToken: currentToken,
    onReconnected: () => reconnectListeners.forEach((listener) => listener()),
    onConnectionChange: (state) => connectionListeners.forEach((listener) => listener(state)),
  });
  return subscriptionsClient;
}

export function onLiveReconnected(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

export function onLiveConnectionChange(listener: Listener<ConnectionState>): () => void {
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}

// A new token must open a new socket (the old one was authenticated as someone else).
useSessionStore.subscribe((state, previous) => {
  if (state.token !== previous.token && subscriptionsClient) {
    void subscriptionsClient.dispose();
    subscriptionsClient = null;
  }
});
