import { createFakeVendorServer, describeConnectorContract } from '@tripline/connector-testkit';
import { segmentConnector } from './segment.connector';

// Segment's webhook destination calls Tripline; the connector never calls Segment, so its fake has no routes.
describeConnectorContract({
  connector: segmentConnector,
  startServer: () => createFakeVendorServer({ name: 'segment', routes: [] }),
  connection: () => ({ sharedSecret: 'segment-shared-secret-1' }),
  badConnection: () => ({ sharedSecret: 'another-shared-secret' }),
  noAuthTest: 'Segment signs the calls it sends us with the shared secret; there is no Segment endpoint that could check it',
});
