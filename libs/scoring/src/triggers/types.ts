import type { ScoredEvent } from '../model/types';
import type { RecordedEvent, SubjectAggregates } from '../aggregates/types';

/** A subject's score under one model moving, from before an event (or the previous tick) to after it. */
export interface ScoreChange {
  model: string;
  before: number;
  after: number;
  tierBefore: string | null;
  tierAfter: string | null;
}

/** A CRM record changing (from a connector; later issue). `changes` holds only the fields that changed. */
export interface CrmChange {
  object: 'deal' | 'contact' | 'company';
  recordId: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  /** The record after the change: what a trigger's `where` reads as event.properties.*. */
  record: Record<string, unknown>;
}

/**
 * What a trigger is evaluated against. Two moments:
 * - an event (`event` or `crmChange` given): `now` is the event's time; event, score, tier, window
 *   aggregate and CRM triggers can fire. `aggregates` must already include the event, and `recorded`
 *   is what recordEvent() returned for it (null when it recorded nothing).
 * - a tick (neither given): inactivity, schedule and relative-date triggers can fire, for what came
 *   due in (previousTick, now]; score triggers too when `scoreChange` covers that span (decay).
 * Everything else a kind reads is optional; a kind whose data is missing does not hold.
 */
export interface TriggerInput {
  /** Epoch ms. */
  now: number;
  /** The previous tick (epoch ms); without it, a tick fires whatever is due at `now`. */
  previousTick?: number;
  event?: ScoredEvent;
  recorded?: RecordedEvent | null;
  scoreChange?: ScoreChange;
  /** One per model the event moved; use instead of `scoreChange` when several models are scored. */
  scoreChanges?: readonly ScoreChange[];
  /** Current score and tier per model id, so composites can tell whether a score condition holds. */
  scores?: Readonly<Record<string, { score: number; tier: string | null }>>;
  /** The subject's windowed activity (see recordEvent()). */
  aggregates?: SubjectAggregates;
  /** The subject's traits (account traits for an account, person traits for a person). */
  traits?: Readonly<Record<string, unknown>>;
  /** The subject's latest activity of any event, epoch ms. */
  lastActivityAt?: number | null;
  /** The subject's latest activity per event name, epoch ms (for inactivity triggers naming an event). */
  lastEventAt?: Readonly<Record<string, number>>;
  crmChange?: CrmChange;
  /** The person and account a CRM change is linked to, for `where` filters over their traits. */
  person?: { id: string; traits: Record<string, unknown> };
  account?: { id: string; traits: Record<string, unknown> };
}

/** `holds`: the condition is true now. `fired`: it became true at this moment (what enrolls). */
export interface TriggerResult {
  fired: boolean;
  holds: boolean;
  reason: string;
}
