/**
 * Records the histories replayed in CI. Not a test: run by `npm run record:histories`
 * (scripts/record-histories.mjs), which points Jest at this file so it runs with the same source
 * mapping as the tests. Each scenario of scenarios.ts runs to its end on a real Temporal dev server
 * (with the runs' search attributes) and a real worker; its history is written to
 * test/fixtures/histories/<name>.json in the JSON format of the Temporal UI's download and of
 * `temporal workflow show --output json`.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { PLAYBOOK_RUN_WORKFLOW, runSearchAttributesAtStart, searchAttributeCliArgs } from '@tripline/playbook';
import { runInputFor, WORKSPACE_ID } from '../support/playbooks';
import { installQuietRuntime } from '../support/quiet-runtime';
import { temporalCliPath } from '../support/temporal-binaries';
import { startWorkerHarness } from '../support/worker-harness';
import { HISTORIES_DIR } from './replay-bundle';
import { BROKEN_SMTP_CONNECTION, REPLAY_SCENARIOS, scenarioContext, scenarioPlaybook, type ReplayScenario } from './scenarios';

jest.setTimeout(600_000);

const only = (process.env.TRIPLINE_RECORD_ONLY ?? '').split(',').filter(Boolean);
const outDir = process.env.TRIPLINE_HISTORIES_DIR || HISTORIES_DIR;

function searchAttributesFor(scenario: ReplayScenario): SearchAttributePair[] {
  const playbook = scenarioPlaybook(scenario);
  return runSearchAttributesAtStart({ playbook, subject: { kind: 'person', id: scenarioContext.person!.id }, context: scenarioContext }).map(({ name, kind, value }) =>
    kind === 'Int'
      ? { key: defineSearchAttributeKey(name, SearchAttributeType.INT), value: Number(value) }
      : { key: defineSearchAttributeKey(name, SearchAttributeType.KEYWORD), value: String(value) },
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The history as the Temporal CLI exports it (`temporal workflow show --output json`), as operators download it. */
function exportedHistory(address: string, workflowId: string): string {
  const json = execFileSync(temporalCliPath(), ['workflow', 'show', '--workflow-id', workflowId, '--address', address, '--output', 'json'], { encoding: 'utf8' });
  return `${JSON.stringify(JSON.parse(json), null, 2)}\n`;
}

it('records the replay fixtures', async () => {
  installQuietRuntime();
  const port = await freePort();
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath() },
      ip: '127.0.0.1',
      port,
      extraArgs: searchAttributeCliArgs(),
      log: { format: 'pretty', level: 'error' },
    },
  });
  const harness = await startWorkerHarness(env);
  harness.workerApi.addConnection(WORKSPACE_ID, {
    id: 'conn-broken',
    name: BROKEN_SMTP_CONNECTION,
    connector: 'email',
    config: { host: '127.0.0.1', port: 1, from: 'Acme <hello@acme.test>' },
  });
  // Someone the approval scenario's gate (assignees: role approver) can be resolved to.
  harness.workerApi.approvals.addMember(WORKSPACE_ID, { userId: 'u-approver', email: 'approver@acme.test', role: 'approver' });
  const problems: string[] = [];
  try {
    for (const scenario of REPLAY_SCENARIOS.filter((s) => only.length === 0 || only.includes(s.name))) {
      const workflowId = `replay-fixture-${scenario.name}`;
      try {
        const handle = await env.client.workflow.start(PLAYBOOK_RUN_WORKFLOW, {
          workflowId,
          taskQueue: harness.taskQueue,
          args: [{ ...runInputFor(scenarioPlaybook(scenario), scenarioContext), runId: `run-${scenario.name}` }],
          typedSearchAttributes: searchAttributesFor(scenario),
          workflowExecutionTimeout: '2 minutes',
        });
        let why = '';
        const outcome = await handle.result().then(
          () => 'completed',
          (error: unknown) => {
            if (!(error instanceof WorkflowFailedError)) throw error;
            why = `: ${error.cause?.message ?? error.message}`;
            return 'failed';
          },
        );
        if (outcome !== scenario.outcome) throw new Error(`ended ${outcome}, expected ${scenario.outcome}${why}`);
        const file = path.join(outDir, `${scenario.name}.json`);
        writeFileSync(file, exportedHistory(`127.0.0.1:${port}`, workflowId));
        console.log(`recorded ${scenario.name} → ${path.relative(process.cwd(), file)}`);
      } catch (error) {
        const message = `${scenario.name}: ${(error as Error).message}`;
        if (scenario.required) problems.push(message);
        else console.log(`not recorded (the interpreter may not support it yet): ${message}`);
      }
    }
  } finally {
    await harness.stop();
    await env.teardown();
  }
  expect(problems).toEqual([]);
});
