import { useRunsStore } from '../../store/runs-store';

const LABELS = { idle: 'Not live', connecting: 'Connecting…', live: 'Live', offline: 'Offline, retrying…' } as const;

/** Whether `runUpdated` is flowing, so a quiet list is not mistaken for a dead one. */
export function LiveIndicator() {
  const live = useRunsStore((s) => s.live);
  const liveError = useRunsStore((s) => s.liveError);
  return (
    <span className={`live-indicator live-${live}`} title={liveError ?? undefined} data-testid="live-indicator">
      {LABELS[live]}
      {liveError && live !== 'live' && <span className="muted"> — {liveError}</span>}
    </span>
  );
}
