import { acmeContractSpec } from '../test-support/acme-contract-spec';
import { describeConnectorContract } from './describe-connector-contract';

// The runner as a connector uses it: a well-behaved connector passes every check.
describeConnectorContract(acmeContractSpec());
