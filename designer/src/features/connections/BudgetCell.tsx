import type { ConnectionBudget } from '../../api/connection-budget-operations';
import { formatDateTime } from '../../app/format';
import { formatCalls, formatVendorQuota, quotaShareLeft } from './budget-format';

/**
 * One connection's budget: the calls made through it (action steps of runs) over the last minute,
 * hour and day, and the vendor's own remaining quota where the connector reports one (HubSpot,
 * Salesforce), with a warning when it is low or used up.
 */
export function BudgetCell({ budget }: { budget: ConnectionBudget | undefined }) {
  if (!budget) return <span className="muted">—</span>;
  const share = budget.vendorQuota ? quotaShareLeft(budget.vendorQuota) : null;
  return (
    <div className="connection-budget" data-testid={`budget-${budget.connectionId}`}>
      <div>Calls: {formatCalls(budget)}</div>
      {budget.vendorQuota ? (
        <div>
          Vendor quota: {formatVendorQuota(budget.vendorQuota)}
          {share !== null && <meter min={0} max={1} low={0.1} optimum={1} value={share} aria-label={`${budget.name} vendor quota left`} />}{' '}
          <span className="muted">(reported {formatDateTime(budget.vendorQuota.observedAt)})</span>
        </div>
      ) : (
        <div className="muted">No vendor quota reported</div>
      )}
      {budget.health !== 'ok' && (
        <div className="health-bad" role="status">
          {budget.healthNote ?? budget.health}
        </div>
      )}
    </div>
  );
}
