import type { BeforeAfter, ChangeImpact } from '@tripline/playbook';

const number = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
const percent = (value: number | null) => (value === null ? 'n/a' : `${Math.round(value * 100)}%`);

/** The backtest-based impact of a change: what an approver weighs before deciding. */
export function ImpactSummary({ impact }: { impact: ChangeImpact | null }) {
  if (!impact) return <p className="muted">No impact was computed for this change.</p>;
  const exceeded = impact.outreach.caps.filter((cap) => cap.exceeded);
  return (
    <section className="impact-summary" aria-label="Impact">
      <h3>Impact</h3>
      <p className="muted">
        Backtested over {impact.from.slice(0, 10)} – {impact.to.slice(0, 10)}
      </p>
      <BeforeAfterBars label="Fires per week" figures={impact.firesPerWeek} />
      <BeforeAfterBars label="Outreach per week" figures={impact.outreach.perWeek} />
      <dl className="impact-figures">
        <dt>New subjects</dt>
        <dd>
          {impact.newSubjects.count}
          {impact.newSubjects.sample.length > 0 && <span className="muted"> (e.g. {impact.newSubjects.sample.join(', ')})</span>}
        </dd>
        <dt>Dropped subjects</dt>
        <dd>
          {impact.droppedSubjects.count}
          {impact.droppedSubjects.sample.length > 0 && <span className="muted"> (e.g. {impact.droppedSubjects.sample.join(', ')})</span>}
        </dd>
        <dt>Precision</dt>
        <dd>
          {percent(impact.precision.before)} → {percent(impact.precision.after)}
        </dd>
        <dt>Recall</dt>
        <dd>
          {percent(impact.recall.before)} → {percent(impact.recall.after)}
        </dd>
        <dt>Revenue share affected</dt>
        <dd>{number(impact.revenueShareAffected)}%</dd>
      </dl>
      {impact.outreach.caps.length > 0 && (
        <table className="impact-caps">
          <caption>Outreach against frequency caps</caption>
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Cap</th>
              <th scope="col">Projected per contact</th>
            </tr>
          </thead>
          <tbody>
            {impact.outreach.caps.map((cap) => (
              <tr key={`${cap.channel}:${cap.window}`} className={cap.exceeded ? 'cap-exceeded' : undefined}>
                <td>{cap.channel}</td>
                <td>
                  {cap.limit} per {cap.window}
                </td>
                <td>
                  {number(cap.projectedPerContact)}
                  {cap.exceeded && <strong> exceeds the cap</strong>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {exceeded.length === 0 && impact.outreach.caps.length > 0 && <p className="success">Within every frequency cap.</p>}
      {impact.notes.map((note) => (
        <p key={note} className="warning">
          {note}
        </p>
      ))}
    </section>
  );
}

/** Two horizontal SVG bars, before and after, on one scale. */
function BeforeAfterBars({ label, figures }: { label: string; figures: BeforeAfter<number> }) {
  const max = Math.max(figures.before, figures.after, 1);
  const width = (value: number) => Math.max(2, (value / max) * 200);
  const text = `${label}: ${number(figures.before)} → ${number(figures.after)}`;
  return (
    <figure className="impact-bars">
      <figcaption>{text}</figcaption>
      <svg width="280" height="40" role="img" aria-label={text}>
        <rect x="60" y="2" height="16" width={width(figures.before)} fill="#94a3b8" />
        <text x="0" y="14" fontSize="11">
          before
        </text>
        <rect x="60" y="22" height="16" width={width(figures.after)} fill="#2563eb" />
        <text x="0" y="34" fontSize="11">
          after
        </text>
      </svg>
    </figure>
  );
}
