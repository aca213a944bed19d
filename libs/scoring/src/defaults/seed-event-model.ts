import type { EventScoringModel } from '../model/types';
import { defaultTiers } from './tiers';

/**
 * The scoring table of ../shared/domain/000_*.txt as an event model: base points × weighting factor
 * with the table's rationale. "Used Core Feature (daily)" becomes a cap of one per UTC day; points
 * halve every 30 days so last quarter's burst of interest fades behind this month's.
 */
export function seedEventModel(): EventScoringModel {
  return {
    schemaVersion: 1,
    id: 'seed-event-scoring',
    version: 1,
    name: 'Product-led lead score',
    description: 'The event-based scoring table: awareness, engagement and conversion events, weighted by how well they predict a sale.',
    kind: 'events',
    rules: [
      {
        id: 'visited-pricing-page',
        event: 'Pricing Page Viewed',
        points: 5,
        weight: 1.0,
        rationale: 'Indicates initial interest in pricing and product value.',
      },
      {
        id: 'signed-up-for-free-trial',
        event: 'Trial Started',
        points: 50,
        weight: 1.5,
        rationale: 'Shows a significant commitment to evaluating the product.',
      },
      {
        id: 'used-core-feature-daily',
        event: 'Feature Used',
        where: { property: 'event.properties.core', operator: 'eq', value: true },
        points: 10,
        weight: 1.2,
        cap: { count: 1, per: 'day' },
        rationale: 'Reflects active product usage and engagement.',
      },
      {
        id: 'requested-a-demo',
        event: 'Demo Requested',
        points: 75,
        weight: 2.0,
        rationale: 'Signals a strong interest in the product and potential for a sale.',
      },
    ],
    decay: { kind: 'halfLife', days: 30 },
    rollup: 'sum',
    tiers: defaultTiers(),
  };
}
