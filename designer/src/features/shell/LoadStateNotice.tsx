import type { LoadState } from '../../store/load-state';

/** "Loading…" or the reason loading failed; nothing once loaded. */
export function LoadStateNotice({ state, what }: { state: LoadState; what: string }) {
  if (state.status === 'loading') return <p className="muted">Loading {what}…</p>;
  if (state.status === 'error') {
    return (
      <p className="error" role="alert">
        Could not load {what}: {state.message}
      </p>
    );
  }
  return null;
}
