import { checkRateLimit, type ConnectorDefinition } from '@tripline/connector-sdk';

/**
 * Rate limits set in the worker's environment, by connector: `TRIPLINE_<NAME>_RATE_PER_SECOND`
 * (the name upper-cased, dashes as underscores), e.g. TRIPLINE_EMAIL_RATE_PER_SECOND=2 for the
 * global email send rate. A value that is not a positive number is an error naming the variable.
 */
export function rateLimitOverrides(env: NodeJS.ProcessEnv, connectors: readonly Pick<ConnectorDefinition, 'name'>[]): Record<string, number> {
  const overrides: Record<string, number> = {};
  for (const { name } of connectors) {
    const variable = rateLimitVariable(name);
    const raw = env[variable];
    if (raw === undefined || raw.trim() === '') continue;
    const perSecond = Number(raw);
    checkRateLimit({ perSecond }, `${variable}='${raw}'`);
    overrides[name] = perSecond;
  }
  return overrides;
}

export function rateLimitVariable(connector: string): string {
  return `TRIPLINE_${connector.toUpperCase().replace(/-/g, '_')}_RATE_PER_SECOND`;
}

/** The rate a connector's queue is held to: the override, else its declaration, else none. */
export function effectiveRateLimit(connector: Pick<ConnectorDefinition, 'name' | 'rateLimit'>, overrides: Record<string, number> = {}): number | undefined {
  return overrides[connector.name] ?? connector.rateLimit?.perSecond;
}
