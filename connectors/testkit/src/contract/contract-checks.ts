import { checkActionRuns, checkUndo } from './check-action';
import { checkAuthAcceptsGood, checkAuthRefusesBad } from './check-auth';
import { checkCoverage, checkRateLimitDeclared } from './check-coverage';
import { checkErrorMapping } from './check-error-mapping';
import { checkPollReplayStable, checkPollsDeliverOnce } from './check-polling';
import { checkSchemas } from './check-schemas';

/**
 * The contract's checks as plain functions: each returns the problems it found (empty when the
 * connector passes), every message naming the connector, the action or trigger, and what broke.
 * describeConnectorContract wraps each in a Jest test; call them directly to test a check itself.
 */
export const contractChecks = {
  schemas: checkSchemas,
  coverage: checkCoverage,
  rateLimitDeclared: checkRateLimitDeclared,
  authAcceptsGood: checkAuthAcceptsGood,
  authRefusesBad: checkAuthRefusesBad,
  actionRuns: checkActionRuns,
  undo: checkUndo,
  pollsDeliverOnce: checkPollsDeliverOnce,
  pollReplayStable: checkPollReplayStable,
  errorMapping: checkErrorMapping,
};
