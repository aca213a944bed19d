import type { Tier } from '@tripline/scoring';
import { NumberCell, TextCell } from './cells';
import { addTier, removeAt, updateTier } from './model-edits';

interface Props {
  tiers: Tier[];
  onChange: (tiers: Tier[]) => void;
  readOnly: boolean;
}

/** Tiers in ascending order: inclusive score bounds and what sales does there. */
export function TierTable({ tiers, onChange, readOnly }: Props) {
  return (
    <section aria-labelledby="tiers-heading" className="scoring-section">
      <h2 id="tiers-heading">Tiers</h2>
      <table className="table scoring-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Action</th>
            <th scope="col">SLA (hours)</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tiers.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No tiers: scores have no tier.
              </td>
            </tr>
          )}
          {tiers.map((tier, index) => {
            const n = index + 1;
            const set = (patch: Partial<Tier>) => onChange(updateTier(tiers, index, patch));
            return (
              <tr key={index}>
                <td>
                  <TextCell label={`Tier ${n} name`} value={tier.name} onChange={(name) => set({ name: name ?? '' })} readOnly={readOnly} />
                </td>
                <td>
                  <NumberCell label={`Tier ${n} from`} value={tier.min} onChange={(min) => set({ min: min ?? 0 })} readOnly={readOnly} />
                </td>
                <td>
                  <NumberCell label={`Tier ${n} to`} value={tier.max} onChange={(max) => set({ max: max ?? 0 })} readOnly={readOnly} />
                </td>
                <td>
                  <TextCell label={`Tier ${n} action`} value={tier.action} onChange={(action) => set({ action })} readOnly={readOnly} placeholder="nurture" />
                </td>
                <td>
                  <NumberCell label={`Tier ${n} SLA hours`} value={tier.slaHours} onChange={(slaHours) => set({ slaHours })} readOnly={readOnly} optional min={0} />
                </td>
                <td>
                  {!readOnly && (
                    <button type="button" className="icon-button" aria-label={`Remove tier ${n}`} onClick={() => onChange(removeAt(tiers, index))}>
                      ✕
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!readOnly && (
        <button type="button" onClick={() => onChange(addTier(tiers))}>
          Add tier
        </button>
      )}
    </section>
  );
}
