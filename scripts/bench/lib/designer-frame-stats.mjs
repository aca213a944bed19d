// Frame times from requestAnimationFrame timestamps, and their summary over several runs. Pure.

/** One frame at 60 Hz. */
export const FRAME_BUDGET_MS = 1000 / 60;
/** A frame that took this long is a visible stutter. */
export const STUTTER_MS = 50;
/**
 * rAF timestamps follow the (simulated) vsync, whose intervals jitter by a fraction of a millisecond around
 * 16.7 ms. A frame counts as over budget only when it missed its vsync, i.e. took more than this.
 */
export const OVER_BUDGET_MS = FRAME_BUDGET_MS * 1.25;

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (values) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * What one scenario's frames looked like. `timestamps`: the rAF callback times (ms) in order; a frame time
 * is the interval between two consecutive ones.
 */
export function frameStats(timestamps) {
  const frames = [];
  for (let i = 1; i < timestamps.length; i++) frames.push(timestamps[i] - timestamps[i - 1]);
  const share = (limit) => (frames.length ? (100 * frames.filter((ms) => ms > limit).length) / frames.length : NaN);
  return {
    frames: frames.length,
    fps: frames.length ? (1000 * frames.length) / (timestamps[timestamps.length - 1] - timestamps[0]) : NaN,
    median: median(frames),
    p95: percentile(frames, 95),
    max: frames.length ? Math.max(...frames) : NaN,
    overBudget: share(OVER_BUDGET_MS),
    overStutter: share(STUTTER_MS),
  };
}

export const STAT_KEYS = ['frames', 'fps', 'median', 'p95', 'max', 'overBudget', 'overStutter'];

/** Per statistic, the median over runs with the smallest and largest run. */
export function summariseRuns(runs) {
  return Object.fromEntries(
    STAT_KEYS.map((key) => {
      const values = runs.map((run) => run[key]).filter((value) => Number.isFinite(value));
      return [key, { median: median(values), min: Math.min(...values), max: Math.max(...values) }];
    }),
  );
}
