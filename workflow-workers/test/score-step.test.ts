import { WorkflowFailedError } from '@temporalio/client';
import type { RunEvent } from '@tripline/playbook';
import { playbookOf, runInputFor, WORKSPACE_ID } from './support/playbooks';
import { eventLines } from './support/run-events';
import { startTimeSkippingRig, type TimeSkippingRig } from './support/time-skipping';

jest.setTimeout(120_000);

type StepEvent = Extract<RunEvent, { type: 'step' }>;

/** Score steps through the adjustScore activity and the worker API (in memory, same contract as /internal/scores/adjust). */
describe('score step', () => {
  let rig: TimeSkippingRig;

  beforeAll(async () => {
    rig = await startTimeSkippingRig();
    rig.harness.workerApi.scores.addModel(WORKSPACE_ID, 'lead', {
      tiers: [
        { name: 'Low', min: 0 },
        { name: 'Medium', min: 41 },
        { name: 'High', min: 71 },
      ],
    });
  });
  afterAll(async () => rig?.stop());

  it('adds points once per visit (keyed by workflow, step and visit) and reads the score back', async () => {
    // bump (+30) twice through a loop with a wait, then a read.
    const playbook = playbookOf(
      'bump',
      {
        bump: { kind: 'score', model: 'lead', adjust: 30 },
        again: { kind: 'condition', when: { property: 'person.traits.plan', operator: 'eq', value: 'pro' } },
        pause: { kind: 'wait', for: '1d' },
        look: { kind: 'score', model: 'lead' },
        done: { kind: 'end' },
      },
      [
        { from: 'bump', to: 'again' },
        { from: 'again', to: 'pause', port: 'yes' },
        { from: 'pause', to: 'look' },
        { from: 'look', to: 'done' },
      ],
    );
    const input = runInputFor(playbook);
    const handle = await rig.start(input);
    await expect(handle.result()).resolves.toMatchObject({ status: 'completed' });

    const outputs = rig.harness.workerApi
      .eventsOf(input.runId)
      .filter((e): e is StepEvent => e.type === 'step' && e.status === 'completed' && (e.stepId === 'bump' || e.stepId === 'look'))
      .map((e) => [e.stepId, e.output]);
    expect(outputs).toEqual([
      ['bump', { score: 30, tier: 'Low' }],
      ['look', { score: 30, tier: 'Low' }],
    ]);
    const requests = rig.harness.workerApi.scores.requests.filter((r) => r.runId === input.runId);
    expect(requests.map((r) => [r.stepId, r.visit, r.key, r.adjust])).toEqual([
      ['bump', 1, `${handle.workflowId}:bump:1`, 30],
      ['look', 1, `${handle.workflowId}:look:1`, undefined],
    ]);
    expect(requests[0]).toMatchObject({ workspaceId: WORKSPACE_ID, model: 'lead', subject: input.subject, workflowId: handle.workflowId });
    const running = rig.harness.workerApi.eventsOf(input.runId).find((e) => e.type === 'step' && e.stepId === 'bump' && e.status === 'running');
    expect(running).toMatchObject({ input: { model: 'lead', adjust: 30 } });
  });

  it('gives each visit of a looping score step its own key, so every visit counts', async () => {
    const playbook = playbookOf(
      'bump',
      { bump: { kind: 'score', model: 'lead', adjust: 25 }, pause: { kind: 'wait', for: '1h' } },
      [
        { from: 'bump', to: 'pause' },
        { from: 'pause', to: 'bump' },
      ],
    );
    const input = { ...runInputFor(playbook, { person: { id: 'person-loop', traits: {} } }), limits: { maxSteps: 6 } };
    const handle = await rig.start(input);
    await expect(handle.result()).rejects.toThrow(WorkflowFailedError);
    const outputs = rig.harness.workerApi
      .eventsOf(input.runId)
      .filter((e): e is StepEvent => e.type === 'step' && e.stepId === 'bump' && e.status === 'completed')
      .map((e) => e.output);
    expect(outputs).toEqual([
      { score: 25, tier: 'Low' },
      { score: 50, tier: 'Medium' },
      { score: 75, tier: 'High' },
    ]);
    expect(rig.harness.workerApi.scores.scoreOf(WORKSPACE_ID, 'lead', 'person-loop')).toBe(75);
  });

  it('fails the run with the API’s reason when the model is not published', async () => {
    const input = runInputFor(playbookOf('bump', { bump: { kind: 'score', model: 'nope', adjust: 5 } }, []));
    const handle = await rig.start(input);
    await expect(handle.result()).rejects.toThrow(WorkflowFailedError);
    const events = rig.harness.workerApi.eventsOf(input.runId);
    expect(eventLines(events)).toEqual(['run running', 'step bump running', 'step bump failed', 'run failed']);
    expect(events.at(-1)).toMatchObject({ error: expect.stringContaining("No published scoring model 'nope'") });
  });
});
