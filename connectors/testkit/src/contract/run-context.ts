import { parseConnectionConfig, type ConnectorDefinition } from '@tripline/connector-sdk';
import type { FakeVendorServer } from '../fake-server/fake-types';
import type { ConnectorContractSpec } from './contract-spec';

/** A started fake with the spec's good connection parsed. */
export interface RunContext<TServer extends FakeVendorServer> {
  server: TServer;
  auth: unknown;
}

/** Runs `body` against a fresh fake and always closes it; a broken spec becomes a problem, not a crash. */
export async function withServer<TServer extends FakeVendorServer>(
  spec: ConnectorContractSpec<TServer>,
  body: (context: RunContext<TServer>) => Promise<string[]>,
): Promise<string[]> {
  const server = await spec.startServer();
  try {
    let auth: unknown;
    try {
      auth = parseConnectionConfig(spec.connector, spec.connection(server));
    } catch (error) {
      return [`${spec.connector.name}: the spec's connection does not match the auth schema: ${describeError(error)}`];
    }
    return await body({ server, auth });
  } finally {
    await server.close();
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Which secret fields appear in `text`, by name (never the value). */
export function leakedSecrets(connector: ConnectorDefinition, config: unknown, text: string): string[] {
  const leaked: string[] = [];
  for (const field of connector.auth.secretFields) {
    const value = (config as Record<string, unknown> | null)?.[field];
    if (typeof value === 'string' && value.length >= 4 && text.includes(value)) leaked.push(field);
  }
  return leaked;
}

/** A fresh AbortSignal per call, so a hung vendor call fails the check instead of the whole test run. */
export function callTimeout(spec: ConnectorContractSpec<FakeVendorServer>): AbortSignal {
  return AbortSignal.timeout(Math.max(1000, (spec.timeoutMs ?? 30_000) - 2000));
}
