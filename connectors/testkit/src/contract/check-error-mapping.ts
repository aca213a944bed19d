import { isConnectorError, parseRetryAfter, type ConnectorErrorKind, type RateLimitedError } from '@tripline/connector-sdk';
import type { FakeVendorServer } from '../fake-server/fake-types';
import type { ConnectorContractSpec, VendorFault } from './contract-spec';
import { contractIdempotencyKey, sampleInput } from './check-action';
import { preparePoll } from './check-polling';
import { callTimeout, describeError, leakedSecrets, withServer, type RunContext } from './run-context';

export type FaultKind = 'unauthorized' | 'rateLimited' | 'serverError';

/** What a vendor fault must become in the taxonomy. */
export const EXPECTED_KIND: Record<FaultKind, ConnectorErrorKind> = {
  unauthorized: 'auth',
  rateLimited: 'rateLimited',
  serverError: 'retryable',
};

const EXPECTED_CLASS: Record<FaultKind, string> = {
  unauthorized: 'AuthError',
  rateLimited: 'RateLimitedError',
  serverError: 'RetryableError',
};

// Enough that a connector which refreshes a token or retries inside one call still meets the fault.
const FAULT_TIMES = 20;
// An HTTP-date Retry-After is relative to the moment it is read.
const DATE_TOLERANCE_MS = 2000;

/** The fault the spec gives for this kind, or a generic one (401, 429 with Retry-After: 7, 500). */
export function faultFor(spec: ConnectorContractSpec<FakeVendorServer>, kind: FaultKind): VendorFault {
  const given = spec.faults?.[kind];
  if (given) return given;
  if (kind === 'unauthorized') return { status: 401, body: { error: 'unauthorized', message: 'Invalid credentials' } };
  if (kind === 'rateLimited') return { status: 429, headers: { 'Retry-After': '7' }, body: { error: 'rate_limited', message: 'Too many requests' } };
  return { status: 500, body: { error: 'internal', message: 'Internal server error' } };
}

/** An action or polling trigger of the connector, the target of one error-mapping check. */
export type Operation = { action: string } | { trigger: string };

/**
 * Makes the fake answer the vendor's fault and checks the error the operation throws is the
 * taxonomy's: 401 → AuthError, the rate-limit answer → RateLimitedError with its Retry-After,
 * 500 → RetryableError; and that its message repeats no secret.
 */
export function checkErrorMapping<TServer extends FakeVendorServer>(
  spec: ConnectorContractSpec<TServer>,
  operation: Operation,
  kind: FaultKind,
): Promise<string[]> {
  const label = 'action' in operation ? `${spec.connector.name}: action '${operation.action}'` : `${spec.connector.name}: trigger '${operation.trigger}'`;
  const fault = faultFor(spec, kind);
  return withServer(spec, async (context) => {
    const run = await prepareRun(spec, operation, context);
    if ('problem' in run) return [run.problem];
    context.server.failNext({ ...fault, times: FAULT_TIMES });
    let thrown: unknown;
    let threw = false;
    try {
      await run.call();
    } catch (error) {
      thrown = error;
      threw = true;
    }
    const answered = `when the vendor answers ${fault.status}`;
    if (!threw) {
      const reached = context.server.requests.some((request) => request.faulted);
      return [`${label} succeeded ${answered}${reached ? '' : ' (it never called the fake vendor)'}; expected ${EXPECTED_CLASS[kind]}`];
    }
    if (!isConnectorError(thrown)) return [`${label} threw a plain ${describeError(thrown)} ${answered}; expected ${EXPECTED_CLASS[kind]}`];
    const problems: string[] = [];
    if (thrown.kind !== EXPECTED_KIND[kind]) problems.push(`${label} threw ${thrown.name} (kind '${thrown.kind}') ${answered}; expected ${EXPECTED_CLASS[kind]}: ${thrown.message}`);
    else if (kind === 'rateLimited') problems.push(...retryAfterProblems(label, thrown as RateLimitedError, spec));
    const leaked = leakedSecrets(spec.connector, context.auth, thrown.message);
    if (leaked.length > 0) problems.push(`${label}: its error message ${answered} repeats the secret field(s) ${leaked.join(', ')}`);
    return problems;
  });
}

function retryAfterProblems(label: string, error: RateLimitedError, spec: ConnectorContractSpec<FakeVendorServer>): string[] {
  const fault = spec.faults?.rateLimited ?? faultFor(spec, 'rateLimited');
  const header = Object.entries(fault.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
  const expected = spec.faults?.rateLimited?.retryAfterMs ?? parseRetryAfter(header);
  if (expected === undefined) return [];
  const tolerance = header && /[a-z]/i.test(header) ? DATE_TOLERANCE_MS : 0;
  if (Math.abs(error.retryAfterMs - expected) > tolerance) {
    return [`${label}: RateLimitedError.retryAfterMs is ${error.retryAfterMs}, but the vendor said to wait ${expected} ms (Retry-After: ${header ?? 'n/a'})`];
  }
  return [];
}

async function prepareRun<TServer extends FakeVendorServer>(
  spec: ConnectorContractSpec<TServer>,
  operation: Operation,
  context: RunContext<TServer>,
): Promise<{ call: () => Promise<unknown> } | { problem: string }> {
  if ('action' in operation) {
    const sample = await sampleInput(spec, operation.action, context.server);
    if ('problem' in sample) return sample;
    const idempotencyKey = contractIdempotencyKey(spec.connector.name, operation.action);
    return { call: () => sample.action.run({ auth: context.auth, input: sample.input, idempotencyKey, signal: callTimeout(spec) }) };
  }
  const prepared = preparePoll(spec, operation.trigger, context.server);
  if ('problem' in prepared) return prepared;
  return {
    call: () => prepared.trigger.poll({ auth: context.auth, options: prepared.options, checkpoint: null, now: new Date().toISOString(), signal: callTimeout(spec) }),
  };
}
