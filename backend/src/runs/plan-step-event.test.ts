import { MASKED } from './mask-secrets';
import { planStepEvent, StepEvent } from './plan-step-event';

type Row = Parameters<typeof planStepEvent>[0][number];

const base = { type: 'step', runId: 'r1', workspaceId: 'w1' } as const;
const event = (over: Partial<StepEvent>): StepEvent => ({ ...base, stepId: 'send', kind: 'action', status: 'running', at: '2025-01-01T10:00:00.000Z', ...over }) as StepEvent;
const row = (over: Partial<Row>): Row => ({
  id: 'row1',
  seq: 1,
  stepId: 'send',
  status: 'running',
  port: null,
  startedAt: new Date('2025-01-01T10:00:00.000Z'),
  finishedAt: null,
  ...over,
});

describe('planStepEvent', () => {
  it('opens a row for a running step, numbered after the history, with secrets masked', () => {
    const plan = planStepEvent([row({ id: 'a', stepId: 'check', status: 'completed', seq: 1 })], event({ input: { to: 'a@b.c', password: 'x' } }));
    expect(plan).toEqual({
      action: 'insert',
      step: expect.objectContaining({ seq: 2, stepId: 'send', status: 'running', input: { to: 'a@b.c', password: MASKED }, finishedAt: null }),
    });
  });

  it('ignores a repeated running event', () => {
    expect(planStepEvent([row({})], event({ at: '2025-01-01T10:00:05.000Z' }))).toEqual({ action: 'ignore' });
    expect(planStepEvent([row({ status: 'completed', finishedAt: new Date() })], event({}))).toEqual({ action: 'ignore' });
  });

  it('closes the open row of the step', () => {
    const plan = planStepEvent([row({})], event({ status: 'completed', output: { messageId: 'm1', apiKey: 'k' }, at: '2025-01-01T10:00:01.000Z' }));
    expect(plan).toEqual({
      action: 'update',
      id: 'row1',
      changes: { status: 'completed', port: null, error: null, finishedAt: new Date('2025-01-01T10:00:01.000Z'), output: { messageId: 'm1', apiKey: MASKED } },
    });
  });

  it('records an outcome reported without a running event, once', () => {
    const done = event({ stepId: 'check', kind: 'condition', status: 'completed', port: 'yes' });
    const plan = planStepEvent([], done);
    expect(plan).toMatchObject({ action: 'insert', step: { seq: 1, status: 'completed', port: 'yes' } });
    const stored = row({ stepId: 'check', status: 'completed', port: 'yes', finishedAt: new Date(done.at) });
    // The same delivery again, and a retry stamped later: both repeats of the latest row.
    expect(planStepEvent([stored], done)).toEqual({ action: 'ignore' });
    expect(planStepEvent([stored], { ...done, at: '2025-01-01T10:00:09.000Z' })).toEqual({ action: 'ignore' });
  });

  it('records a second execution of a step after other steps ran', () => {
    const history = [
      row({ id: 'a', seq: 1, stepId: 'check', status: 'completed', port: 'no', finishedAt: new Date('2025-01-01T10:00:00.000Z') }),
      row({ id: 'b', seq: 2, stepId: 'wait', status: 'completed', finishedAt: new Date('2025-01-01T11:00:00.000Z') }),
    ];
    const again = event({ stepId: 'check', kind: 'condition', status: 'completed', port: 'no', at: '2025-01-01T11:00:00.000Z' });
    expect(planStepEvent(history, again)).toMatchObject({ action: 'insert', step: { seq: 3, stepId: 'check' } });
  });
});
