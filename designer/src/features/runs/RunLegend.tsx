import { RUN_LEGEND } from './run-overlay';

/** What each node colour on a run's canvas means. */
export function RunLegend() {
  return (
    <ul className="run-legend" aria-label="Step status legend">
      {RUN_LEGEND.map(({ status, label }) => (
        <li key={status}>
          <span className={`run-legend-swatch status-${status}`} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
}
