import type { Decay } from '../model/types';
import { DAY_MS } from '../time/calendar';

/**
 * Half-life sums are kept relative to an anchor near the newest event so 2^(Δt/h) never overflows.
 * The anchor is a pure function of the newest timestamp (a multiple of this many half-lives), so every
 * arrival order ends on the same anchor.
 */
const ANCHOR_STEP_HALF_LIVES = 32;

export function halfLifeMs(decay: Decay & { kind: 'halfLife' }): number {
  return decay.days * DAY_MS;
}

export function anchorFor(decay: Decay & { kind: 'halfLife' }, newest: number): number {
  const step = ANCHOR_STEP_HALF_LIVES * halfLifeMs(decay);
  return Math.floor(newest / step) * step;
}

/** 2^((from − to)/h): what one point at `from` is worth at `to` (below 1 when `to` is later). */
export function halfLifeFactor(decay: Decay & { kind: 'halfLife' }, from: number, to: number): number {
  return Math.pow(2, (from - to) / halfLifeMs(decay));
}

/** Window decay: an event counts while it is younger than the window; exactly `days` old it no longer counts. */
export function inWindow(decay: Decay & { kind: 'window' }, timestamp: number, at: number): boolean {
  return timestamp > at - decay.days * DAY_MS;
}

/** What `points` scored at `timestamp` are worth at `at` under the model's decay. */
export function decayedPoints(decay: Decay, points: number, timestamp: number, at: number): number {
  switch (decay.kind) {
    case 'none':
      return points;
    case 'halfLife':
      return points * halfLifeFactor(decay, timestamp, at);
    case 'window':
      return inWindow(decay, timestamp, at) ? points : 0;
  }
}
