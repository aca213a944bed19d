/**
 * Records the changeApproval histories that change-approval-replay.test.ts replays. Not a test; run with
 *
 *   npx jest --config workflow-workers/jest.config.js --runInBand \
 *     --testMatch '<rootDir>/test/change-approval-replay/*.recorder.ts'
 *
 * Each scenario runs on a real Temporal dev server with a real worker (mail catcher, in-memory API);
 * its history is written as `temporal workflow show --output json` exports it. Re-record only after a
 * change behind `patched()`, under a new name, keeping the old files (workflow-workers/README.md).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { changeApprovalWorkflowId, type ChangeApprovalResult } from '@tripline/playbook';
import { changeClosedSignal, changeLevelAdvancedSignal } from '../../src/change-approval/change-approval-signals';
import { changeApproval } from '../../src/workflows';
import { installQuietRuntime } from '../support/quiet-runtime';
import { temporalCliPath } from '../support/temporal-binaries';
import { startWorkerHarness, type WorkerHarness } from '../support/worker-harness';
import { CHANGE_APPROVAL_HISTORIES_DIR, RECORDING_WORKSPACE, recordingApprovers, recordingInput } from './scenarios';

jest.setTimeout(300_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One scripted submission: what happens to it while the workflow runs, and how it must end. */
interface RecordingScenario {
  name: string;
  expected: ChangeApprovalResult;
  script(context: { harness: WorkerHarness; requestId: string; signal: (name: 'advanced' | 'closed', input: object) => Promise<void> }): Promise<void>;
}

const scenarios: RecordingScenario[] = [
  {
    // Opened, a reminder, a stray signal of another attempt, the next level, its reminder, escalation, expiry.
    name: 'advance-escalate-expire',
    expected: { status: 'expired' },
    async script({ harness, requestId, signal }) {
      await sleep(2_200);
      await signal('closed', { attempt: 2, status: 'rejected' });
      harness.workerApi.changeRequests.advance(requestId, 1);
      await signal('advanced', { attempt: 1, level: 1 });
    },
  },
  {
    // Opened, a reminder, escalation, then published by the API before the second timeout.
    name: 'escalate-closed',
    expected: { status: 'published' },
    async script({ harness, requestId, signal }) {
      await sleep(4_500);
      harness.workerApi.changeRequests.close(requestId, 'published');
      await signal('closed', { attempt: 1, status: 'published' });
    },
  },
];

it('records the changeApproval replay fixtures', async () => {
  installQuietRuntime();
  const port = await freePort();
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: temporalCliPath() }, ip: '127.0.0.1', port, log: { format: 'pretty', level: 'error' } },
  });
  const harness = await startWorkerHarness(env);
  harness.workerApi.addConnection(RECORDING_WORKSPACE, {
    id: 'conn-email',
    name: 'default-email',
    connector: 'email',
    config: { host: '127.0.0.1', port: harness.catcher.smtpPort, from: 'Tripline <approvals@tripline.test>' },
  });
  try {
    for (const scenario of scenarios) {
      const requestId = `cr-replay-${scenario.name}`;
      harness.workerApi.changeRequests.add({ workspaceId: RECORDING_WORKSPACE, requestId, connection: 'default-email', levels: recordingApprovers });
      const workflowId = changeApprovalWorkflowId(RECORDING_WORKSPACE, requestId, 1);
      const handle = await env.client.workflow.start(changeApproval, { workflowId, taskQueue: harness.taskQueue, args: [recordingInput(requestId)] });
      await scenario.script({
        harness,
        requestId,
        signal: (name, input) => (name === 'advanced' ? handle.signal(changeLevelAdvancedSignal, input as never) : handle.signal(changeClosedSignal, input as never)),
      });
      await expect(handle.result()).resolves.toEqual(scenario.expected);
      const json = execFileSync(temporalCliPath(), ['workflow', 'show', '--workflow-id', workflowId, '--address', `127.0.0.1:${port}`, '--output', 'json'], { encoding: 'utf8' });
      const file = path.join(CHANGE_APPROVAL_HISTORIES_DIR, `${scenario.name}.json`);
      writeFileSync(file, `${JSON.stringify(JSON.parse(json), null, 2)}\n`);
      console.log(`recorded ${scenario.name} → ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    await harness.stop();
    await env.teardown();
  }
});
