import { EVENT_RECEIVED_SIGNAL } from '@tripline/playbook';
import { EntityManager, In } from 'typeorm';
import { findWhereIn } from '../ingest/bulk-sql';
import { addSignalRuns, type SignalRunPayload } from '../outbox/signal-run-payload';
import type { TrackedEvent } from '../triggers/match-triggers';
import { matchWaits } from './match-waits';
import { receivedEventOf } from './received-event';
import { RunWaitEntity } from './run-wait.entity';

/**
 * The ingest hook of waitForEvent (called in the ingest transaction, after the batch's tracks are
 * built): open waits the batch's events satisfy are marked `matched` and their signals go to the
 * outbox in the same transaction, so a stored event and the signal it owes are one fact.
 * One indexed query per batch (open waits of the batch's event names and subjects); nothing else
 * when nothing waits. Returns the number of signals written.
 */
export async function signalWaitingRuns(manager: EntityManager, workspaceId: string, tracks: readonly TrackedEvent[], now: Date): Promise<number> {
  if (tracks.length === 0) return 0;
  const names = [...new Set(tracks.map((track) => track.event))];
  const subjects = new Set<string>();
  for (const track of tracks) {
    subjects.add(track.person.id);
    if (track.account) subjects.add(track.account.id);
  }
  const waits = await findWhereIn(manager, RunWaitEntity, workspaceId, 'subjectId', [...subjects], { status: 'open', eventName: In(names) });
  if (waits.length === 0) return 0;

  const signals: SignalRunPayload[] = [];
  for (const { wait, event } of matchWaits(waits, tracks, now)) {
    // Guarded: a wait the run closed meanwhile (timed out, cancelled) is left alone.
    const claimed = await manager.update(
      RunWaitEntity,
      { id: wait.id, workspaceId, status: 'open' },
      { status: 'matched', messageId: event.messageId, matchedAt: now },
    );
    if (claimed.affected !== 1) continue;
    signals.push({
      workspaceId,
      workflowId: wait.workflowId,
      runId: wait.runId,
      waitId: wait.id,
      signal: EVENT_RECEIVED_SIGNAL,
      input: { stepId: wait.stepId, visit: wait.visit, event: receivedEventOf(event) },
    });
  }
  await addSignalRuns(manager, signals, now);
  return signals.length;
}
