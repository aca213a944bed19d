import { registerEnumType } from '@nestjs/graphql';
import type { QualityKpi } from '../quality-kpis';

/** GraphQL names of the KPIs; the values are quality-kpis.ts's names. */
export const QualityKpiEnum = {
  COMPLETENESS: 'completeness',
  DEDUPLICATION: 'deduplication',
  IDENTITY_MATCH: 'identityMatch',
  ACCOUNT_MATCH: 'accountMatch',
} as const satisfies Record<string, QualityKpi>;

registerEnumType(QualityKpiEnum, {
  name: 'QualityKpi',
  description: 'A data-quality KPI (thresholds from the domain material)',
  valuesMap: {
    COMPLETENESS: { description: 'Stored events carrying every required field (≥ 95 %)' },
    DEDUPLICATION: { description: 'Received events that were not duplicates (≥ 99 %)' },
    IDENTITY_MATCH: { description: 'Stored events stitched to an identified person, one with a userId (≥ 90 %)' },
    ACCOUNT_MATCH: { description: 'Stored events stitched to a person who belongs to an account (≥ 90 %)' },
  },
});
