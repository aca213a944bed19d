import { WorkflowFailedError } from '@temporalio/client';
import type { Edge, Step } from '@tripline/playbook';
import { playbookOf, runInputFor } from './support/playbooks';
import { eventLines } from './support/run-events';
import { emailTo, startTimeSkippingRig, type TimeSkippingRig } from './support/time-skipping';

jest.setTimeout(120_000);

/** Parallel branches and joins on the time-skipping server (real worker, real SMTP catcher). */
describe('parallel and join', () => {
  let rig: TimeSkippingRig;

  beforeAll(async () => {
    rig = await startTimeSkippingRig();
  });
  afterAll(async () => rig?.stop());
  beforeEach(() => rig.harness.catcher.clear());

  const subjects = () => rig.harness.catcher.messages().map((message) => message.subject);

  async function run(start: string, nodes: Record<string, Step>, edges: Edge[]) {
    const input = runInputFor(playbookOf(start, nodes, edges));
    const handle = await rig.start(input);
    return { input, handle, workflowId: handle.workflowId };
  }

  it('runs the branches concurrently and goes on from the join once, after both arrived', async () => {
    const { input, handle } = await run(
      'fork',
      {
        fork: { kind: 'parallel' },
        quick: emailTo('quick'),
        pause: { kind: 'wait', for: '1h' },
        slow: emailTo('slow'),
        meet: { kind: 'join' },
        after: emailTo('after'),
        done: { kind: 'end' },
      },
      [
        { from: 'fork', to: 'quick' },
        { from: 'fork', to: 'pause' },
        { from: 'quick', to: 'meet' },
        { from: 'pause', to: 'slow' },
        { from: 'slow', to: 'meet' },
        { from: 'meet', to: 'after' },
        { from: 'after', to: 'done' },
      ],
    );
    const result = await handle.result();
    expect(result.status).toBe('completed');
    expect(result.path.filter((node) => node === 'meet')).toHaveLength(1);
    expect(result.path.slice(-3)).toEqual(['meet', 'after', 'done']);
    expect(subjects()).toEqual(['quick', 'slow', 'after']);

    const lines = eventLines(rig.harness.workerApi.eventsOf(input.runId));
    // The quick branch finished while the other was still waiting: they ran side by side.
    expect(lines.indexOf('step quick completed')).toBeLessThan(lines.indexOf('step pause completed'));
    expect(lines.indexOf('step pause running')).toBeLessThan(lines.indexOf('step quick completed'));
    // The join ran once, after both branches, and the run went on from it.
    expect(lines.filter((line) => line.startsWith('step meet'))).toEqual(['step meet running', 'step meet completed']);
    expect(lines.indexOf('step meet running')).toBeGreaterThan(lines.indexOf('step slow completed'));
    const forkCompleted = rig.harness.workerApi.eventsOf(input.runId).find((e) => e.type === 'step' && e.stepId === 'fork' && e.status === 'completed');
    expect(forkCompleted).toMatchObject({ output: { branches: ['quick', 'pause'] } });
    expect(lines.at(-1)).toBe('run completed');
  });

  it('gives a node reached by two branches distinct visits, so both sends happen under distinct keys', async () => {
    const { handle, workflowId } = await run(
      'fork',
      {
        fork: { kind: 'parallel' },
        left: { kind: 'wait', for: '1m' },
        right: { kind: 'wait', for: '2m' },
        shared: emailTo('shared'),
        meet: { kind: 'join' },
        done: { kind: 'end' },
      },
      [
        { from: 'fork', to: 'left' },
        { from: 'fork', to: 'right' },
        { from: 'left', to: 'shared' },
        { from: 'right', to: 'shared' },
        { from: 'shared', to: 'meet' },
        { from: 'meet', to: 'done' },
      ],
    );
    const result = await handle.result();
    expect(result.status).toBe('completed');
    expect(subjects()).toEqual(['shared', 'shared']);
    const keys = [...rig.harness.workerApi.ledger.keys()].filter((key) => key.includes(workflowId)).sort();
    expect(keys).toEqual([`ws-test/${workflowId}:shared:1`, `ws-test/${workflowId}:shared:2`]);
    expect(result.path.filter((node) => node === 'shared')).toHaveLength(2);
    expect(result.path.filter((node) => node === 'meet')).toHaveLength(1);
  });

  it('counts a branch that ended as arrived: the join goes on when the others get there', async () => {
    const { handle } = await run(
      'fork',
      {
        fork: { kind: 'parallel' },
        short: emailTo('short'),
        stop: { kind: 'end' },
        pause: { kind: 'wait', for: '1d' },
        meet: { kind: 'join' },
        after: emailTo('after'),
      },
      [
        { from: 'fork', to: 'short' },
        { from: 'fork', to: 'pause' },
        { from: 'short', to: 'stop' },
        { from: 'pause', to: 'meet' },
        { from: 'meet', to: 'after' },
      ],
    );
    const result = await handle.result();
    // The run went on past the join after the end node of one branch; it then exits (no edge after "after").
    expect(result.status).toBe('exited');
    expect(subjects()).toEqual(['short', 'after']);
    expect(result.path).toEqual(['fork', 'short', 'pause', 'stop', 'meet', 'after']);
  });

  it('ends the run when every branch ended: completed if one reached an end node', async () => {
    const { input, handle } = await run(
      'fork',
      { fork: { kind: 'parallel' }, one: emailTo('one'), two: emailTo('two'), stop: { kind: 'end' } },
      [
        { from: 'fork', to: 'one' },
        { from: 'fork', to: 'two' },
        { from: 'one', to: 'stop' },
      ],
    );
    const result = await handle.result();
    expect(result.status).toBe('completed');
    expect([...subjects()].sort()).toEqual(['one', 'two']);
    expect(eventLines(rig.harness.workerApi.eventsOf(input.runId)).at(-1)).toBe('run completed');
  });

  it('runs nested parallels: the inner join merges the inner branches, the outer join the outer ones', async () => {
    const { handle } = await run(
      'outer',
      {
        outer: { kind: 'parallel' },
        inner: { kind: 'parallel' },
        a: emailTo('a'),
        b: { kind: 'wait', for: '3h' },
        innerJoin: { kind: 'join' },
        d: emailTo('d'),
        c: { kind: 'wait', for: '1h' },
        outerJoin: { kind: 'join' },
        e: emailTo('e'),
        done: { kind: 'end' },
      },
      [
        { from: 'outer', to: 'inner' },
        { from: 'outer', to: 'c' },
        { from: 'inner', to: 'a' },
        { from: 'inner', to: 'b' },
        { from: 'a', to: 'innerJoin' },
        { from: 'b', to: 'innerJoin' },
        { from: 'innerJoin', to: 'd' },
        { from: 'd', to: 'outerJoin' },
        { from: 'c', to: 'outerJoin' },
        { from: 'outerJoin', to: 'e' },
        { from: 'e', to: 'done' },
      ],
    );
    const result = await handle.result();
    expect(result.status).toBe('completed');
    expect(subjects()).toEqual(['a', 'd', 'e']);
    for (const node of ['innerJoin', 'outerJoin', 'd', 'e']) expect(result.path.filter((n) => n === node)).toHaveLength(1);
    expect(result.path.indexOf('innerJoin')).toBeLessThan(result.path.indexOf('d'));
    expect(result.path.slice(-3)).toEqual(['outerJoin', 'e', 'done']);
  });

  it('cancels the other branches when one fails, and fails the run with that failure', async () => {
    const { input, handle } = await run(
      'fork',
      {
        fork: { kind: 'parallel' },
        pause: { kind: 'wait', for: '1d' },
        late: emailTo('late'),
        broken: { ...emailTo('broken'), input: { to: '{{ person.traits.email', subject: 'x', text: 'x' } },
        meet: { kind: 'join' },
      },
      [
        { from: 'fork', to: 'pause' },
        { from: 'fork', to: 'broken' },
        { from: 'pause', to: 'late' },
        { from: 'late', to: 'meet' },
        { from: 'broken', to: 'meet' },
      ],
    );
    const failure = await handle.result().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const events = rig.harness.workerApi.eventsOf(input.runId);
    const lines = eventLines(events);
    expect(lines).toContain('step broken failed');
    // The waiting branch was cancelled: it never sent.
    expect(lines).toContain('step pause failed');
    expect(lines).not.toContain('step late running');
    expect(subjects()).toEqual([]);
    expect(lines.at(-1)).toBe('run failed');
    // The run's failure is the broken branch's template error (naming the field), not the cancellation.
    const brokenFailed = events.find((e) => e.type === 'step' && e.stepId === 'broken' && e.status === 'failed') as { error: string };
    expect(brokenFailed.error).toMatch(/\bto\b/);
    expect(events.at(-1)).toMatchObject({ status: 'failed', error: brokenFailed.error });
  });

  it('fails the run, naming the joins, when the branches of one parallel meet at different joins', async () => {
    const { input, handle } = await run(
      'fork',
      { fork: { kind: 'parallel' }, j1: { kind: 'join' }, j2: { kind: 'join' } },
      [
        { from: 'fork', to: 'j1' },
        { from: 'fork', to: 'j2' },
      ],
    );
    await expect(handle.result()).rejects.toThrow(WorkflowFailedError);
    const events = rig.harness.workerApi.eventsOf(input.runId);
    expect(events.at(-1)).toMatchObject({
      status: 'failed',
      error: 'the branches of parallel node fork arrived at different joins (j1, j2); lead every branch of a parallel to the same join',
    });
  });
});
