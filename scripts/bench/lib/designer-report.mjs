// The markdown section of the designer benchmark (spliced into docs/benchmarks.md by scripts/bench.mjs). Pure.
import { FRAME_BUDGET_MS } from './designer-frame-stats.mjs';

const ms = (value) => `${value.toFixed(1)} ms`;
const pct = (value) => `${value.toFixed(1)} %`;
/** "median (min – max)", or just the value for a single run. */
const spread = ({ median, min, max }, format) => (min === max ? format(median) : `${format(median)} (${format(min)} – ${format(max)})`);

/** Responsive: the median frame keeps 60 fps (it did not miss its vsync) in every scenario. */
export function verdict(summary, scenarios, size, overBudgetMs) {
  const slow = scenarios.filter(({ key }) => summary[size][key].median.median > overBudgetMs);
  return slow.length === 0
    ? `**responsive**: at ${size} steps the median frame keeps 60 fps in every scenario`
    : `**not responsive**: at ${size} steps the median frame misses 60 fps while ${slow.map((s) => s.key).join(', ')}`;
}

export function designerSection({ date, machine, runs, gestureSeconds, viewport, scenarios, sizes, summary, ratios, thresholds }) {
  const [big, small] = sizes;
  const rows = [];
  for (const { key, title } of scenarios) {
    for (const size of sizes) {
      const s = summary[size][key];
      rows.push(
        `| ${title} | ${size} | ${spread(s.frames, (v) => String(Math.round(v)))} | ${spread(s.median, ms)} | ${spread(s.p95, ms)} | ${spread(s.max, ms)} | ${spread(s.overBudget, pct)} | ${spread(s.overStutter, pct)} |`,
      );
    }
  }
  const ratioRows = scenarios.map(({ key, title }) => `| ${title} | ${ratios[key].median.toFixed(2)}× | ${ratios[key].p95.toFixed(2)}× |`);
  return `## Designer canvas: frame time at ${big} steps (issue 7)
Written by \`node scripts/bench/designer.mjs\` on ${date}: the built API (SQLite) and designer (\`vite preview\`),
headless Chromium ${machine.chromium} at ${viewport.width}×${viewport.height} (software rendering, \`--disable-gpu\`), on
${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}; load average ${machine.load.toFixed(2)} at the start.

Two generated drafts, valid playbooks of ${big} and ${small} steps (a split into lanes of conditions, A/B splits,
parallel/join, approvals, waits for events, business-hours waits, actions; saved layout), each opened afresh in the
editor per run and framed as the editor frames it (zoomed out to fit, at most to 0.2). Per scenario ${gestureSeconds} s of
input paced at one event per 60 Hz frame: panning drags the empty canvas round a circle, the node drag moves a step
round a circle and drops it back (one history step), zooming wheels in and out over the middle. Frame time = the
interval between two requestAnimationFrame callbacks in the page; a frame over ${thresholds.overBudgetMs.toFixed(1)} ms missed its
vsync (1.25 × ${FRAME_BUDGET_MS.toFixed(1)} ms, since vsync intervals jitter), one over ${thresholds.stutterMs} ms is a visible stutter.
${runs} runs, the two sizes interleaved; each cell is the median over runs (min – max).

| scenario | steps | frames | median frame | p95 | max | frames > ${thresholds.overBudgetMs.toFixed(1)} ms | frames > ${thresholds.stutterMs} ms |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Opening the editor (navigation to every node drawn): ${spread(summary[big].openMs, (v) => `${Math.round(v)} ms`)} at ${big} steps,
${spread(summary[small].openMs, (v) => `${Math.round(v)} ms`)} at ${small} steps.

| ratio ${big} / ${small} steps (same run, median over runs) | median frame | p95 frame |
|---|---|---|
${ratioRows.join('\n')}

Verdict: ${verdict(summary, scenarios, big, thresholds.overBudgetMs)}.
`;
}
