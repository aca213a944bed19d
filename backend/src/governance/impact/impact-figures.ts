/**
 * The figures of an impact summary from the replays of one or more playbooks (one for a playbook
 * change; every playbook reading a scoring model for a model change): fires per week, new and
 * dropped subjects, precision / recall, and outreach against the frequency caps. Pure.
 */
import type { BeforeAfter, ChangeImpact } from '@tripline/playbook';
import type { FrequencyCapRule } from '../../frequency-caps/frequency-cap-rules';
import type { SideOutcome } from './replay-pair';

/** At most this many subject ids are listed in a sample. */
export const SUBJECT_SAMPLE_SIZE = 20;

/** One playbook's replay: both sides' fires and outreach actions per fire (channel → count). */
export interface PlaybookReplay {
  before: SideOutcome;
  after: SideOutcome;
  outreachPerFire: BeforeAfter<ReadonlyMap<string, number>>;
}

/** Subjects that newly fire or no longer fire, by kind: revenue weighting maps persons to their accounts. */
export interface AffectedSubjects {
  persons: Set<string>;
  accounts: Set<string>;
}

export type ImpactFigures = Pick<ChangeImpact, 'firesPerWeek' | 'newSubjects' | 'droppedSubjects' | 'outreach' | 'precision' | 'recall'> & {
  affected: AffectedSubjects;
};

/** Two decimals: figures per week and per contact are estimates, shown as such. */
export const round2 = (value: number): number => Math.round(value * 100) / 100;

const perWeek = (count: number, windowDays: number): number => (count * 7) / windowDays;

function sample(ids: ReadonlySet<string>): { count: number; sample: string[] } {
  return { count: ids.size, sample: [...ids].sort().slice(0, SUBJECT_SAMPLE_SIZE) };
}

/**
 * Precision = true positives / fired, recall = true positives / converted, summed over the replays
 * (a micro-average over playbook × subject). Both null when nothing fired (ChangeImpact's rule);
 * recall also when nobody converted.
 */
function accuracy(sides: readonly SideOutcome[]): { precision: number | null; recall: number | null } {
  let fired = 0;
  let hits = 0;
  let converted = 0;
  for (const side of sides) {
    fired += side.fired.length;
    hits += side.truePositives;
    converted += side.converted;
  }
  if (fired === 0) return { precision: null, recall: null };
  return { precision: hits / fired, recall: converted > 0 ? hits / converted : null };
}

const total = (channels: ReadonlyMap<string, number>): number => [...channels.values()].reduce((sum, count) => sum + count, 0);

/**
 * Projected outreach per contact within one cap window, under the proposal: for each playbook, the
 * outreach one fire sends on the cap's channel(s) × the fires a firing subject had in the window,
 * scaled from the window to the cap's days — but at least one fire, because a fire's outreach lands
 * within one cap window — summed over the playbooks (a contact enrolled in all of them). An upper
 * bound, like outreach per fire.
 */
export function projectedPerContact(replays: readonly PlaybookReplay[], rule: FrequencyCapRule, windowDays: number): number {
  let projected = 0;
  for (const replay of replays) {
    const channels = replay.outreachPerFire.after;
    const perFire = rule.channel === 'all' ? total(channels) : (channels.get(rule.channel) ?? 0);
    const firing = replay.after.fired.length;
    if (perFire === 0 || firing === 0) continue;
    const firesPerSubject = replay.after.enrollments / firing;
    projected += perFire * Math.max(1, (firesPerSubject * rule.days) / windowDays);
  }
  return projected;
}

/** The figures over a window of `windowDays` days, against the workspace's frequency cap rules. */
export function impactFigures(replays: readonly PlaybookReplay[], windowDays: number, caps: readonly FrequencyCapRule[]): ImpactFigures {
  const fresh = new Set<string>();
  const dropped = new Set<string>();
  const affected: AffectedSubjects = { persons: new Set(), accounts: new Set() };
  let firesBefore = 0;
  let firesAfter = 0;
  const channels = new Map<string, { before: number; after: number }>();
  const addOutreach = (perFire: ReadonlyMap<string, number>, enrollments: number, side: 'before' | 'after'): void => {
    for (const [channel, count] of perFire) {
      let row = channels.get(channel);
      if (row === undefined) channels.set(channel, (row = { before: 0, after: 0 }));
      row[side] += count * enrollments;
    }
  };
  for (const { before, after, outreachPerFire } of replays) {
    firesBefore += before.enrollments;
    firesAfter += after.enrollments;
    const firedBefore = new Set(before.fired);
    const firedAfter = new Set(after.fired);
    for (const id of after.fired) {
      if (firedBefore.has(id)) continue;
      fresh.add(id);
      (after.subject === 'person' ? affected.persons : affected.accounts).add(id);
    }
    for (const id of before.fired) {
      if (firedAfter.has(id)) continue;
      dropped.add(id);
      (before.subject === 'person' ? affected.persons : affected.accounts).add(id);
    }
    addOutreach(outreachPerFire.before, before.enrollments, 'before');
    addOutreach(outreachPerFire.after, after.enrollments, 'after');
  }
  const accuracyBefore = accuracy(replays.map((replay) => replay.before));
  const accuracyAfter = accuracy(replays.map((replay) => replay.after));
  const byChannel = [...channels.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([channel, sums]) => ({ channel, perWeek: { before: round2(perWeek(sums.before, windowDays)), after: round2(perWeek(sums.after, windowDays)) } }));
  const outreachBefore = [...channels.values()].reduce((sum, row) => sum + row.before, 0);
  const outreachAfter = [...channels.values()].reduce((sum, row) => sum + row.after, 0);
  return {
    firesPerWeek: { before: round2(perWeek(firesBefore, windowDays)), after: round2(perWeek(firesAfter, windowDays)) },
    newSubjects: sample(fresh),
    droppedSubjects: sample(dropped),
    outreach: {
      perWeek: { before: round2(perWeek(outreachBefore, windowDays)), after: round2(perWeek(outreachAfter, windowDays)) },
      byChannel,
      caps: caps.map((rule) => {
        const projected = projectedPerContact(replays, rule, windowDays);
        return { channel: rule.channel, limit: rule.max, window: `${rule.days}d`, projectedPerContact: round2(projected), exceeded: projected > rule.max };
      }),
    },
    precision: { before: accuracyBefore.precision, after: accuracyAfter.precision },
    recall: { before: accuracyBefore.recall, after: accuracyAfter.recall },
    affected,
  };
}
