import type { BacktestResultRecord } from '../../api/scoring-operations';
import { FiresChart } from './FiresChart';
import { percent, ratio, tierRows } from './backtest-form';

const SHOWN = 50;

/** What a backtest found: quality against the outcome, fires per day, the tier mix, and who changes. */
export function BacktestResults({ result }: { result: BacktestResultRecord }) {
  const baseline = result.baseline;
  const tiers = tierRows(result);
  const maxTier = Math.max(1, ...tiers.map((t) => Math.max(t.draft, t.baseline ?? 0)));
  return (
    <div className="backtest-results" data-testid="backtest-results">
      <p className="muted">
        {result.eventsProcessed} events · population {result.population} · converted {result.converted} (base rate {percent(result.baseRate)})
        {result.baselineModelVersion !== null && ` · baseline model v${result.baselineModelVersion}`}
        {result.baselinePlaybookVersion !== null && ` · baseline playbook v${result.baselinePlaybookVersion}`}
      </p>
      {result.warnings.length > 0 && (
        <ul className="warning">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <table className="table backtest-metrics">
        <caption className="visually-hidden">Precision, recall and lift</caption>
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">Fired</th>
            <th scope="col">Precision</th>
            <th scope="col">Recall</th>
            <th scope="col">Lift</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Draft</th>
            <td>{result.fired.length}</td>
            <td>{percent(result.precision)}</td>
            <td>{percent(result.recall)}</td>
            <td>{ratio(result.lift)}</td>
          </tr>
          {baseline && (
            <tr>
              <th scope="row">Published</th>
              <td>{baseline.fired.length}</td>
              <td>{percent(baseline.precision)}</td>
              <td>{percent(baseline.recall)}</td>
              <td>{ratio(baseline.lift)}</td>
            </tr>
          )}
        </tbody>
      </table>
      <FiresChart draft={result.firesPerDay} baseline={baseline?.firesPerDay ?? null} />
      <h3>Tier mix at the end of the range</h3>
      <ul className="tier-mix" aria-label="Tier mix">
        {tiers.map((t) => (
          <li key={t.tier}>
            <span className="tier-mix-name">{t.tier}</span>
            <svg width="200" height="12" aria-hidden="true">
              <rect x="0" y="0" height={t.baseline === null ? 12 : 7} width={(t.draft / maxTier) * 200} className="bar-draft" />
              {t.baseline !== null && <rect x="0" y="8" height="4" width={(t.baseline / maxTier) * 200} className="bar-baseline" />}
            </svg>
            <span>
              {t.draft}
              {t.baseline !== null && <span className="muted"> (published {t.baseline})</span>}
            </span>
          </li>
        ))}
      </ul>
      {baseline ? (
        <div className="backtest-changes">
          <SubjectList title="Newly fire" ids={result.newlyFiring} />
          <SubjectList title="No longer fire" ids={result.noLongerFiring} />
        </div>
      ) : (
        <p className="muted">Nothing is published yet, so there is no baseline to compare with.</p>
      )}
    </div>
  );
}

function SubjectList({ title, ids }: { title: string; ids: string[] }) {
  return (
    <section aria-label={title}>
      <h3>
        {title} ({ids.length})
      </h3>
      {ids.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {ids.slice(0, SHOWN).map((id) => (
            <li key={id}>
              <code>{id}</code>
            </li>
          ))}
          {ids.length > SHOWN && <li className="muted">and {ids.length - SHOWN} more</li>}
        </ul>
      )}
    </section>
  );
}
