import type { ConnectorContractSpec } from '../contract/contract-spec';
import { makeAcmeConnector, type AcmeFlaws } from './acme-connector';
import { ACME_TOKEN, seedAcmeActivities, startAcmeFake, type AcmeFake } from './acme-fake';

/** The contract spec of the Acme connector, with any planted flaws. */
export function acmeContractSpec(flaws: AcmeFlaws = {}): ConnectorContractSpec<AcmeFake> {
  return {
    connector: makeAcmeConnector(flaws),
    startServer: startAcmeFake,
    connection: (server) => ({ baseUrl: server.url, apiKey: ACME_TOKEN }),
    badConnection: (server) => ({ baseUrl: server.url, apiKey: 'acme-wrong-token-999' }),
    actions: { createTask: { input: () => ({ title: 'Call Ada about the Team plan' }) } },
    triggers: { activityCreated: { options: { backfillFrom: '2026-01-01T00:00:00Z' }, seed: seedAcmeActivities } },
    faults: {
      rateLimited: {
        status: 429,
        headers: { 'Retry-After': '9' },
        body: { status: 'error', category: 'RATE_LIMITS', message: 'You have reached your ten secondly limit.' },
      },
      unauthorized: { status: 401, body: { status: 'error', category: 'INVALID_AUTHENTICATION', message: 'Authentication credentials not found.' } },
    },
  };
}
