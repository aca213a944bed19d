import { useChangesStore } from '../../store/changes-store';
import { usePlaybooksStore } from '../../store/playbooks-store';
import { useRunsStore } from '../../store/runs-store';
import { useScoringStore } from '../../store/scoring-store';

/**
 * Forgets everything loaded for the current workspace, so that after signing out or switching
 * workspace no page shows the previous workspace's data. (The catalogue and connections stores
 * reset themselves when the token changes.)
 */
export function resetWorkspaceData(): void {
  usePlaybooksStore.getState().reset();
  useRunsStore.getState().reset();
  useScoringStore.getState().reset();
  useChangesStore.getState().reset();
}
