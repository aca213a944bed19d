import { parseConnectionConfig } from '@tripline/connector-sdk';
import type { FakeVendorServer } from '../fake-server/fake-types';
import type { ConnectorContractSpec } from './contract-spec';
import { describeError, leakedSecrets, withServer } from './run-context';

/** The connector's auth test accepts the spec's good connection (and answers rather than throws). */
export function checkAuthAcceptsGood<TServer extends FakeVendorServer>(spec: ConnectorContractSpec<TServer>): Promise<string[]> {
  const { connector } = spec;
  const test = connector.auth.test;
  if (!test) return Promise.resolve(missingTest(spec));
  return withServer(spec, async ({ server, auth }) => {
    try {
      const result = await test(auth);
      if (result.ok !== true) return [`${connector.name}: auth test refused the good connection: ${result.message ?? '(no message)'}`];
      if (server.requests.length === 0) return [`${connector.name}: auth test passed without calling the fake vendor: it must check the credentials with the vendor`];
      return [];
    } catch (error) {
      return [`${connector.name}: auth test threw for the good connection instead of answering: ${describeError(error)}`];
    }
  });
}

/** It refuses the bad connection with ok:false and a message that repeats no secret. */
export function checkAuthRefusesBad<TServer extends FakeVendorServer>(spec: ConnectorContractSpec<TServer>): Promise<string[]> {
  const { connector } = spec;
  const test = connector.auth.test;
  if (!test) return Promise.resolve(missingTest(spec));
  return withServer(spec, async ({ server }) => {
    let bad: unknown;
    try {
      bad = parseConnectionConfig(connector, spec.badConnection(server));
    } catch (error) {
      return [`${connector.name}: the spec's bad connection must still match the auth schema (only the credentials wrong): ${describeError(error)}`];
    }
    try {
      const result = await test(bad);
      if (result.ok !== false) return [`${connector.name}: auth test accepted the bad connection (ok: ${String(result.ok)})`];
      if (typeof result.message !== 'string' || result.message.trim() === '') return [`${connector.name}: auth test refused the bad connection without a message saying why`];
      const leaked = leakedSecrets(connector, bad, result.message);
      if (leaked.length > 0) return [`${connector.name}: auth test message repeats the secret field(s) ${leaked.join(', ')}`];
      return [];
    } catch (error) {
      return [`${connector.name}: auth test threw for the bad connection instead of answering ok:false: ${describeError(error)}`];
    }
  });
}

function missingTest(spec: ConnectorContractSpec<FakeVendorServer>): string[] {
  return [`${spec.connector.name}: auth kind '${spec.connector.auth.kind}' declares no test(): a connection admin could save wrong credentials unnoticed`];
}
