// Summary statistics the benchmark parts share: medians with min–max over runs, latency percentiles.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Nearest-rank percentile (p99 of 100 values is the 99th smallest). */
export const percentile = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

/** `{ median, min, max, runs }` of per-run figures. */
export const summarize = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });

/** 12,345 */
export const fmt = (n) => Math.round(n).toLocaleString('en');

/** "12,345 (11,000 – 13,100)" */
export const fmtRange = (s, format = fmt) => `${format(s.median)} (${format(s.min)} – ${format(s.max)})`;

export const ms = (n) => `${Math.round(n).toLocaleString('en')} ms`;
