import { isConnectorError, parseConnectionConfig, type AuthTestResult, type ConnectorDefinition } from '@tripline/connector-sdk';

const TEST_TIMEOUT_MS = 15_000;

/** Replaces any secret value that slipped into a message (a vendor echoing a token back, say). */
function withoutSecrets(message: string, connector: ConnectorDefinition, config: Record<string, unknown>): string {
  let clean = message;
  for (const field of connector.auth.secretFields) {
    const value = config[field];
    if (typeof value === 'string' && value.length >= 4) clean = clean.split(value).join('[redacted]');
  }
  return clean;
}

/**
 * Runs the connector's own credential check (auth.test) on a stored config: a config the schema
 * refuses names its fields (never values), a check that throws or hangs becomes ok:false with why.
 */
export async function testConnectionConfig(connector: ConnectorDefinition, config: Record<string, unknown>): Promise<AuthTestResult> {
  let parsed: unknown;
  try {
    parsed = parseConnectionConfig(connector, config);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (!connector.auth.test) return { ok: true, message: `Connector '${connector.name}' has nothing to call to check credentials; the config is complete` };
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<AuthTestResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, message: `The check did not answer within ${TEST_TIMEOUT_MS / 1000} s` }), TEST_TIMEOUT_MS);
    });
    const result = await Promise.race([connector.auth.test(parsed as never), timeout]);
    return { ok: result.ok, ...(result.message ? { message: withoutSecrets(result.message, connector, config) } : {}) };
  } catch (error) {
    const reason = isConnectorError(error) || error instanceof Error ? error.message : String(error);
    return { ok: false, message: withoutSecrets(`The check failed: ${reason}`, connector, config) };
  } finally {
    if (timer) clearTimeout(timer);
  }
}
