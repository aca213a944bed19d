import type { FakeVendorServer } from '../fake-server/fake-types';
import type { ConnectorContractSpec } from './contract-spec';
import { contractChecks } from './contract-checks';
import { faultFor, type FaultKind, type Operation } from './check-error-mapping';

const DEFAULT_TIMEOUT_MS = 30_000;

/** Fails the test with every problem found, one per line. */
async function expectNoProblems(problems: string[] | Promise<string[]>): Promise<void> {
  const found = await problems;
  if (found.length > 0) throw new Error(`Connector contract broken:\n- ${found.join('\n- ')}`);
}

/**
 * Declares the Jest tests every connector passes against its fake vendor. Call it at the top level
 * of the connector's `contract.test.ts`. Each check starts a fresh fake (spec.startServer) and
 * closes it afterwards.
 */
export function describeConnectorContract<TServer extends FakeVendorServer>(spec: ConnectorContractSpec<TServer>): void {
  const { connector } = spec;
  const timeout = spec.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const polling = (connector.triggers ?? []).filter((trigger) => trigger.kind === 'polling');
  const faults: FaultKind[] = ['unauthorized', 'rateLimited', 'serverError'];
  const expectation: Record<FaultKind, string> = {
    unauthorized: 'AuthError',
    rateLimited: 'RateLimitedError with the Retry-After',
    serverError: 'RetryableError',
  };

  const describeErrorMapping = (operation: Operation) => {
    for (const kind of faults) {
      const fault = faultFor(spec, kind);
      const hasRetryAfter = Object.keys(fault.headers ?? {}).some((name) => name.toLowerCase() === 'retry-after');
      const expected = kind === 'rateLimited' && !hasRetryAfter ? 'RateLimitedError' : expectation[kind];
      it(`maps the vendor's ${fault.status} to ${expected}`, () => expectNoProblems(contractChecks.errorMapping(spec, operation, kind)), timeout);
    }
  };

  describe(`connector contract: ${connector.name}@${connector.version}`, () => {
    it('exports every schema as JSON Schema', () => expectNoProblems(contractChecks.schemas(connector)));
    it('has a sample for every action and polling trigger', () => expectNoProblems(contractChecks.coverage(spec)));
    if (spec.faults?.rateLimited) {
      it('declares a rate limit (the vendor has one)', () => expectNoProblems(contractChecks.rateLimitDeclared(spec)));
    }

    if (connector.auth.kind !== 'none' && (connector.auth.test || !spec.noAuthTest)) {
      describe('auth test', () => {
        it('accepts the good connection', () => expectNoProblems(contractChecks.authAcceptsGood(spec)), timeout);
        it('refuses the bad connection with ok:false and a message', () => expectNoProblems(contractChecks.authRefusesBad(spec)), timeout);
      });
    }

    for (const action of connector.actions) {
      describe(`action '${action.name}'`, () => {
        it('runs against the fake vendor and its output matches the output schema', () => expectNoProblems(contractChecks.actionRuns(spec, action.name)), timeout);
        if (action.undo) {
          it('undoes its effect, and a retried undo succeeds too', () => expectNoProblems(contractChecks.undo(spec, action.name)), timeout);
        }
        describeErrorMapping({ action: action.name });
      });
    }

    for (const trigger of polling) {
      describe(`polling trigger '${trigger.name}'`, () => {
        it('delivers every seeded record exactly once over successive polls', () => expectNoProblems(contractChecks.pollsDeliverOnce(spec, trigger.name)), timeout);
        it('gives the same items when a poll is repeated from the same checkpoint', () => expectNoProblems(contractChecks.pollReplayStable(spec, trigger.name)), timeout);
        describeErrorMapping({ trigger: trigger.name });
      });
    }
  });
}
