import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import type { PlaybookRunInput, Step } from '@tripline/playbook';
import { playbookOf, runInputFor, WORKSPACE_ID } from './support/playbooks';
import { eventLines } from './support/run-events';
import { emailTo, startTimeSkippingRig, type TimeSkippingRig } from './support/time-skipping';

jest.setTimeout(180_000);

/** Long runs continue as new with their counters; checked on the time-skipping server. */
describe('continue-as-new', () => {
  let rig: TimeSkippingRig;

  beforeAll(async () => {
    rig = await startTimeSkippingRig();
  });
  afterAll(async () => rig?.stop());
  beforeEach(() => rig.harness.catcher.clear());

  /** Every execution of the workflow, first to last, with the input each started with. */
  async function executions(workflowId: string, firstRunId: string) {
    const runs: { runId: string; input: PlaybookRunInput }[] = [];
    let runId: string | undefined = firstRunId;
    while (runId) {
      const history = await rig.env.client.workflow.getHandle(workflowId, runId).fetchHistory();
      const started = history.events![0]!.workflowExecutionStartedEventAttributes!;
      runs.push({ runId, input: defaultPayloadConverter.fromPayload(started.input!.payloads![0]!) as PlaybookRunInput });
      runId = history.events!.at(-1)!.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
    }
    return runs;
  }

  it('a looping playbook continues as new and keeps going with no duplicate sends; the step guard counts across runs', async () => {
    // wait 1m → send → back to the wait, forever: only the step guard ends it.
    const loop = playbookOf('pause', { pause: { kind: 'wait', for: '1m' }, send: emailTo('tick') }, [
      { from: 'pause', to: 'send' },
      { from: 'send', to: 'pause' },
    ]);
    const input: PlaybookRunInput = { ...runInputFor(loop), limits: { stepsPerHistory: 4, maxSteps: 14 } };
    const handle = await rig.start(input);

    const failure = await handle.result().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe('TooManySteps');
    expect(cause.message).toBe('the run visited 14 steps without ending; is the playbook looping?');

    // 14 steps = 7 sends, over four histories (4 + 4 + 4 + 2 steps).
    const runs = await executions(handle.workflowId, handle.firstExecutionRunId);
    expect(runs).toHaveLength(4);
    expect(runs.map((run) => run.input.resume?.stepsTaken ?? 0)).toEqual([0, 4, 8, 12]);
    expect(runs[2]!.input.resume).toMatchObject({ nodeId: 'pause', visits: { pause: 4, send: 4 }, continuedAsNew: 2 });
    expect(runs[2]!.input.resume!.path).toEqual(['pause', 'send', 'pause', 'send', 'pause', 'send', 'pause', 'send']);
    for (const run of runs) expect(run.input.playbook).toEqual(loop);

    expect(rig.harness.catcher.messages().map((message) => message.subject)).toEqual(Array(7).fill('tick'));
    const keys = [...rig.harness.workerApi.ledger.keys()].filter((key) => key.includes(handle.workflowId));
    expect(keys.sort()).toEqual([1, 2, 3, 4, 5, 6, 7].map((visit) => `${WORKSPACE_ID}/${handle.workflowId}:send:${visit}`).sort());
    for (const key of keys) expect(rig.harness.workerApi.ledger.get(key)).toMatchObject({ state: 'completed', claims: 1 });

    // One run for the API: "running" once, no status in between, then the failure.
    const lines = eventLines(rig.harness.workerApi.eventsOf(input.runId)).filter((line) => line.startsWith('run '));
    expect(lines).toEqual(['run running', 'run failed']);
  });

  it('a continued run picks up at the next node and returns the whole path', async () => {
    const nodes: Record<string, Step> = { done: { kind: 'end' } };
    const names = ['w1', 'w2', 'w3', 'w4', 'w5'];
    for (const name of names) nodes[name] = { kind: 'wait', for: '1h' };
    const edges = [...names, 'done'].slice(1).map((to, index) => ({ from: names[index]!, to }));
    const input: PlaybookRunInput = { ...runInputFor(playbookOf('w1', nodes, edges)), limits: { stepsPerHistory: 2 } };
    const handle = await rig.start(input);

    await expect(handle.result()).resolves.toEqual({ status: 'completed', path: [...names, 'done'] });
    const runs = await executions(handle.workflowId, handle.firstExecutionRunId);
    expect(runs.map((run) => run.input.resume?.nodeId)).toEqual([undefined, 'w3', 'w5']);
    // (Other parts of the run may add their own state under `carry`.)
    expect(runs[1]!.input.resume).toMatchObject({ nodeId: 'w3', visits: { w1: 1, w2: 1 }, path: ['w1', 'w2'], stepsTaken: 2, continuedAsNew: 1 });
    expect(eventLines(rig.harness.workerApi.eventsOf(input.runId)).filter((line) => line.startsWith('run '))).toEqual(['run running', 'run completed']);
  });

  it('hands the opaque carry on to the next run', async () => {
    const nodes: Record<string, Step> = { w1: { kind: 'wait', for: '1m' }, w2: { kind: 'wait', for: '1m' }, done: { kind: 'end' } };
    const carry = { undo: [{ stepId: 'crm-task', visit: 1 }] };
    const input: PlaybookRunInput = {
      ...runInputFor(playbookOf('w1', nodes, [{ from: 'w1', to: 'w2' }, { from: 'w2', to: 'done' }])),
      limits: { stepsPerHistory: 1 },
      resume: { nodeId: 'w1', visits: {}, path: [], stepsTaken: 0, continuedAsNew: 0, carry },
    };
    const handle = await rig.start(input);
    await expect(handle.result()).resolves.toEqual({ status: 'completed', path: ['w1', 'w2', 'done'] });
    const runs = await executions(handle.workflowId, handle.firstExecutionRunId);
    expect(runs).toHaveLength(3);
    for (const run of runs) expect(run.input.resume?.carry).toMatchObject(carry);
  });
});
