import type { ApprovalPolicy } from '@tripline/playbook';

/** Fires counted for one version over the time it was (or has been) live. */
export interface VersionFires {
  version: number;
  fires: number;
  hours: number;
}

/** The figures an immediate rollback is judged on, stored with its audit entry. */
export interface FireRateFigures {
  current: VersionFires & { perHour: number };
  /** Null when the current version is the first one: nothing to compare with. */
  previous: (VersionFires & { perHour: number }) | null;
  fireRateIncreaseAbove: number;
  minFires: number;
}

export interface RollbackVerdict {
  met: boolean;
  figures: FireRateFigures;
  /** Says why, with the numbers: "fire rate 1.2/h is not more than 2 × 0.9/h". */
  explanation: string;
}

/** The shortest interval a rate is taken over, so a version published seconds ago does not divide by ~0. */
const MIN_HOURS = 1 / 60;

function perHour(fires: VersionFires): VersionFires & { perHour: number } {
  return { ...fires, perHour: fires.fires / Math.max(fires.hours, MIN_HOURS) };
}

/** 1.2, 0.05, 12: at most two decimals, no trailing zeros. */
export function formatRate(value: number): string {
  return String(Number(value.toFixed(value >= 10 ? 1 : 2)));
}

/**
 * The policy's rollback criterion: the current version fired more than `fireRateIncreaseAbove` × the
 * previous version's rate (fires per hour live), and at least `minFires` times since it was published.
 * Pure, so the rule and its wording are tested on their own.
 */
export function judgeRollback(current: VersionFires, previous: VersionFires | null, criteria: ApprovalPolicy['rollbackCriteria']): RollbackVerdict {
  const figures: FireRateFigures = {
    current: perHour(current),
    previous: previous ? perHour(previous) : null,
    fireRateIncreaseAbove: criteria.fireRateIncreaseAbove,
    minFires: criteria.minFires,
  };
  const now = `${formatRate(figures.current.perHour)}/h`;
  if (!figures.previous) {
    return { met: false, figures, explanation: `version ${current.version} is the first published version: there is no earlier fire rate to compare with` };
  }
  const before = `${formatRate(figures.previous.perHour)}/h`;
  const factor = `${formatRate(criteria.fireRateIncreaseAbove)} × ${before}`;
  if (current.fires < criteria.minFires) {
    return {
      met: false,
      figures,
      explanation: `version ${current.version} fired ${current.fires} time${current.fires === 1 ? '' : 's'} since it was published; the criterion needs at least ${criteria.minFires} (fire rate ${now}, previous ${before})`,
    };
  }
  if (figures.current.perHour > criteria.fireRateIncreaseAbove * figures.previous.perHour) {
    return { met: true, figures, explanation: `fire rate ${now} is more than ${factor} (version ${figures.previous.version}), with ${current.fires} fires` };
  }
  return { met: false, figures, explanation: `fire rate ${now} is not more than ${factor} (version ${figures.previous.version})` };
}
