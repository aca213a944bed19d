export { createFakeVendorServer } from './fake-server/fake-vendor-server';
export type {
  FakeFault,
  FakeHandler,
  FakeRequest,
  FakeResponse,
  FakeRoute,
  FakeVendorServer,
  FakeVendorServerOptions,
} from './fake-server/fake-types';
export { basicAuth, bearerToken } from './helpers/request-auth';
export { paginate } from './helpers/paginate';
export type { Page } from './helpers/paginate';
export { fixedWindowLimiter } from './helpers/fixed-window-limiter';
export type { FixedWindowLimiter, LimiterDecision } from './helpers/fixed-window-limiter';
export { applyPoll } from '@tripline/connector-sdk';
export type { AppliedPoll } from '@tripline/connector-sdk';
export { describeConnectorContract } from './contract/describe-connector-contract';
export { contractChecks } from './contract/contract-checks';
export { EXPECTED_KIND, faultFor } from './contract/check-error-mapping';
export type { FaultKind, Operation } from './contract/check-error-mapping';
export { MAX_POLLS } from './contract/check-polling';
export { triggerItemProblems } from './contract/trigger-item-problems';
export type {
  ActionContract,
  ConnectorContractSpec,
  PollingTriggerContract,
  RateLimitFault,
  VendorFault,
} from './contract/contract-spec';
