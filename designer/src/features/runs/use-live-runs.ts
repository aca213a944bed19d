import { useEffect } from 'react';
import { onLiveReconnected } from '../../api/client';
import { subscribeToRunUpdates } from '../../api/operations';
import { useRunsStore } from '../../store/runs-store';

/**
 * Keeps the runs store live while a page shows runs: `runUpdated` pushes are merged in, and after a
 * reconnect `reload` fetches what may have been missed while offline.
 */
export function useLiveRuns(filter: { runId?: string; playbookId?: string }, reload: () => void) {
  const { runId, playbookId } = filter;
  useEffect(() => {
    const stopReconnect = onLiveReconnected(reload);
    const unsubscribe = subscribeToRunUpdates(
      { runId, playbookId },
      (run) => useRunsStore.getState().applyRunUpdate(run),
      (message) => useRunsStore.getState().setLive('offline', message),
    );
    return () => {
      unsubscribe();
      stopReconnect();
    };
  }, [runId, playbookId, reload]);
}
