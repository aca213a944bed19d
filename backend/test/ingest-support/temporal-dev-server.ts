import * as net from 'node:net';
import * as path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { searchAttributeCliArgs } from '@tripline/playbook';

/** The Temporal CLI `npm start` installs (or TEMPORAL_CLI_PATH). */
export const TEMPORAL_CLI = process.env.TEMPORAL_CLI_PATH ?? path.resolve(__dirname, '../../../.tools/temporal/bin/temporal');

/** A loopback port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A real Temporal dev server (in-memory) on the given loopback port, with the runs' search attributes. */
export function startTemporalDevServer(port: number): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: TEMPORAL_CLI }, ip: '127.0.0.1', port, extraArgs: searchAttributeCliArgs() },
  });
}
