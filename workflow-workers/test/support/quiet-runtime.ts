import { DefaultLogger, Runtime } from '@temporalio/worker';

/**
 * The SDK logs every failed activity and workflow at WARN; the tests provoke many on purpose.
 * Only errors are printed. Must run before the test environment creates the Runtime.
 */
export function installQuietRuntime(): void {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
}
