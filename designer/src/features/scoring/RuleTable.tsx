import { Fragment, useState } from 'react';
import type { EventScoringModel, RuleCap } from '@tripline/scoring';
import { ConditionBuilder } from '../editor/forms/condition-builder/ConditionBuilder';
import { NumberCell, TextCell } from './cells';
import { addRule, removeAt, scoredPoints, updateRule } from './model-edits';

interface Props {
  model: EventScoringModel;
  onChange: (model: EventScoringModel) => void;
  readOnly: boolean;
}

const FILTER_SUGGESTIONS = ['event.properties.', 'person.traits.', 'account.traits.'];

/** The scoring table: event, property filter, points × weighting factor, cap and rationale per rule. */
export function RuleTable({ model, onChange, readOnly }: Props) {
  const [openFilter, setOpenFilter] = useState<number | null>(null);
  return (
    <section aria-labelledby="rules-heading" className="scoring-section">
      <h2 id="rules-heading">Event rules</h2>
      <table className="table scoring-table">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Filter</th>
            <th scope="col">Points</th>
            <th scope="col">Weight</th>
            <th scope="col">Scored</th>
            <th scope="col">Cap</th>
            <th scope="col">Rationale</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {model.rules.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                No rules yet: add one for each event that signals intent.
              </td>
            </tr>
          )}
          {model.rules.map((rule, index) => {
            const n = index + 1;
            const set = (patch: Parameters<typeof updateRule>[2]) => onChange(updateRule(model, index, patch));
            const setCap = (patch: Partial<RuleCap> | null) =>
              set({ cap: patch === null ? undefined : { count: rule.cap?.count ?? 1, per: rule.cap?.per ?? 'day', ...patch } });
            return (
              <Fragment key={`${rule.id}-${index}`}>
                <tr>
                  <td>
                    <TextCell label={`Rule ${n} event`} value={rule.event} onChange={(event) => set({ event: event ?? '' })} readOnly={readOnly} placeholder="Signed Up" />
                  </td>
                  <td>
                    <button type="button" className="link-button" aria-expanded={openFilter === index} onClick={() => setOpenFilter(openFilter === index ? null : index)}>
                      {rule.where ? `Filter (${filterSize(rule.where)})` : 'Add filter'}
                      <span className="visually-hidden"> of rule {n}</span>
                    </button>
                  </td>
                  <td>
                    <NumberCell label={`Rule ${n} points`} value={rule.points} onChange={(points) => set({ points: points ?? 0 })} readOnly={readOnly} />
                  </td>
                  <td>
                    <NumberCell label={`Rule ${n} weight`} value={rule.weight} onChange={(weight) => set({ weight: weight ?? 0 })} readOnly={readOnly} min={0} />
                  </td>
                  <td data-testid={`rule-${n}-scored`}>{scoredPoints(rule)}</td>
                  <td>
                    <div className="cell-row">
                      {rule.cap ? (
                        <>
                          <NumberCell label={`Rule ${n} cap count`} value={rule.cap.count} onChange={(count) => setCap({ count: count ?? 1 })} readOnly={readOnly} min={1} />
                          <select aria-label={`Rule ${n} cap period`} value={rule.cap.per} disabled={readOnly} onChange={(event) => setCap({ per: event.target.value as RuleCap['per'] })}>
                            <option value="day">per day</option>
                            <option value="week">per week</option>
                            <option value="month">per month</option>
                          </select>
                          {!readOnly && (
                            <button type="button" className="link-button" aria-label={`Remove the cap of rule ${n}`} onClick={() => setCap(null)}>
                              ×
                            </button>
                          )}
                        </>
                      ) : readOnly ? (
                        <span className="muted">none</span>
                      ) : (
                        <button type="button" className="link-button" onClick={() => setCap({})}>
                          Add cap<span className="visually-hidden"> to rule {n}</span>
                        </button>
                      )}
                    </div>
                  </td>
                  <td>
                    <TextCell label={`Rule ${n} rationale`} value={rule.rationale} onChange={(rationale) => set({ rationale })} readOnly={readOnly} />
                  </td>
                  <td>
                    {!readOnly && (
                      <button type="button" className="icon-button" aria-label={`Remove rule ${n}`} onClick={() => onChange({ ...model, rules: removeAt(model.rules, index) })}>
                        ✕
                      </button>
                    )}
                  </td>
                </tr>
                {openFilter === index && (
                  <tr>
                    <td colSpan={8}>
                      <ConditionBuilder
                        label={`Rule ${n} counts only events where`}
                        value={rule.where}
                        optional
                        readOnly={readOnly}
                        suggestions={FILTER_SUGGESTIONS}
                        onChange={(where) => set({ where })}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {!readOnly && (
        <button type="button" onClick={() => onChange(addRule(model))}>
          Add scoring rule
        </button>
      )}
    </section>
  );
}

function filterSize(filter: object): number {
  const children = (filter as { all?: unknown[]; any?: unknown[] }).all ?? (filter as { any?: unknown[] }).any;
  return Array.isArray(children) ? children.length : 1;
}
