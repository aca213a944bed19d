import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { PlaybookRunInput } from '@tripline/playbook';
import { playbookRun } from '../../src/workflows';
import { enrollmentWorkflowId, SMTP_CONNECTION } from './playbooks';
import { installQuietRuntime } from './quiet-runtime';
import { temporalTestServerPath } from './temporal-binaries';
import { startWorkerHarness, type WorkerHarness } from './worker-harness';

/** A time-skipping test server with a real worker on it: waits of days pass in milliseconds. */
export interface TimeSkippingRig {
  env: TestWorkflowEnvironment;
  harness: WorkerHarness;
  start(input: PlaybookRunInput, workflowId?: string): Promise<WorkflowHandleWithFirstExecutionRunId<typeof playbookRun>>;
  stop(): Promise<void>;
}

export async function startTimeSkippingRig(): Promise<TimeSkippingRig> {
  installQuietRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });
  const harness = await startWorkerHarness(env);
  return {
    env,
    harness,
    start: (input, workflowId = enrollmentWorkflowId()) =>
      env.client.workflow.start(playbookRun, { workflowId, taskQueue: harness.taskQueue, args: [input] }),
    async stop() {
      await harness.stop();
      await env.teardown();
    },
  };
}

/** An email to Ann whose subject names the step, so tests can tell the messages apart. */
export const emailTo = (subject: string) => ({
  kind: 'action' as const,
  connector: 'email',
  action: 'send',
  connection: SMTP_CONNECTION,
  input: { to: '{{ person.traits.email }}', subject, text: `Step: ${subject}` },
});
