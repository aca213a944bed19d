import type { ConnectorDefinition } from '@tripline/connector-sdk';

/**
 * The variable the worker reads to override a connector's declared rate (workflow-workers
 * rate-limit-config.ts): `TRIPLINE_<NAME>_RATE_PER_SECOND`, name upper-cased, dashes as underscores.
 */
export function rateLimitVariable(connector: string): string {
  return `TRIPLINE_${connector.toUpperCase().replace(/-/g, '_')}_RATE_PER_SECOND`;
}

export interface EffectiveRate {
  perSecond: number | null;
  /** 'override' when the environment sets it, 'declared' when the connector does, null when neither. */
  source: 'override' | 'declared' | null;
}

/**
 * The per-second rate the connector's task queue is held to, read from the same environment the
 * worker gets (`npm start` and compose give both processes one). A value the worker would refuse
 * (not a positive number) is ignored here: the worker will not start with it anyway.
 */
export function effectiveRate(connector: Pick<ConnectorDefinition, 'name' | 'rateLimit'> | undefined, connectorName: string, env: NodeJS.ProcessEnv): EffectiveRate {
  const raw = env[rateLimitVariable(connectorName)];
  const override = raw !== undefined && raw.trim() !== '' ? Number(raw) : NaN;
  if (Number.isFinite(override) && override > 0) return { perSecond: override, source: 'override' };
  const declared = connector?.rateLimit?.perSecond;
  return declared !== undefined ? { perSecond: declared, source: 'declared' } : { perSecond: null, source: null };
}
