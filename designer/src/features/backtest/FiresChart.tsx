import type { BacktestDayCount } from '../../api/scoring-operations';

interface Props {
  draft: BacktestDayCount[];
  baseline: BacktestDayCount[] | null;
}

const HEIGHT = 140;
const WIDTH = 720;

/** Fires per UTC day as SVG bars: the draft, and the published version as a thin bar beside it. */
export function FiresChart({ draft, baseline }: Props) {
  const max = Math.max(1, ...draft.map((d) => d.count), ...(baseline ?? []).map((d) => d.count));
  const slot = WIDTH / Math.max(1, draft.length);
  const base = new Map((baseline ?? []).map((d) => [d.day, d.count]));
  const total = draft.reduce((sum, d) => sum + d.count, 0);
  const baselineTotal = baseline?.reduce((sum, d) => sum + d.count, 0);
  return (
    <figure className="backtest-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT + 16}`}
        width="100%"
        role="img"
        aria-label={`Fires per day: ${total} in total under the draft${baselineTotal === undefined ? '' : `, ${baselineTotal} under the published version`}`}
      >
        {draft.map((d, i) => {
          const h = (d.count / max) * HEIGHT;
          const b = base.get(d.day);
          const bh = b === undefined ? 0 : (b / max) * HEIGHT;
          return (
            <g key={d.day}>
              <title>{`${d.day}: ${d.count} fired${b === undefined ? '' : ` (published: ${b})`}`}</title>
              {baseline && <rect x={i * slot + slot * 0.1} y={HEIGHT - bh} width={slot * 0.25} height={bh} className="bar-baseline" />}
              <rect x={i * slot + slot * (baseline ? 0.35 : 0.15)} y={HEIGHT - h} width={slot * (baseline ? 0.55 : 0.7)} height={h} className="bar-draft" data-testid="fires-bar" />
            </g>
          );
        })}
        <line x1={0} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} className="chart-axis" />
        {draft.length > 0 && (
          <>
            <text x={0} y={HEIGHT + 13} className="chart-label">
              {draft[0]!.day}
            </text>
            <text x={WIDTH} y={HEIGHT + 13} textAnchor="end" className="chart-label">
              {draft.at(-1)!.day}
            </text>
          </>
        )}
      </svg>
      <figcaption className="muted">
        Fires per day (max {max}).{baseline ? ' Thin bars: the published version.' : ''}
      </figcaption>
    </figure>
  );
}
