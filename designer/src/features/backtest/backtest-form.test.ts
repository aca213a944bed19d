import { buildBacktestRequest, defaultForm, parseEquals, percent, ratio, tierRows } from './backtest-form';

const NOW = Date.parse('2026-03-31T12:00:00Z');

describe('the backtest form', () => {
  it('defaults to the last 30 UTC days', () => {
    expect(defaultForm(NOW)).toMatchObject({ from: '2026-03-02', to: '2026-03-31', subject: 'person', outcomeKind: 'event' });
  });

  it('asks for what is missing before sending anything', () => {
    const form = defaultForm(NOW);
    expect(buildBacktestRequest(form)).toEqual({ ok: false, error: 'Choose a scoring model.' });
    expect(buildBacktestRequest({ ...form, modelId: 'm1' })).toMatchObject({ ok: false, error: /Choose what fires/ });
    expect(buildBacktestRequest({ ...form, modelId: 'm1', trigger: { kind: 'tier', tier: 'High' } })).toMatchObject({ ok: false, error: /outcome event/ });
    expect(buildBacktestRequest({ ...form, from: '2026-04-01', modelId: 'm1' })).toEqual({ ok: false, error: 'The start date is after the end date.' });
  });

  it("backtests the model's tier change over whole UTC days", () => {
    const built = buildBacktestRequest({ ...defaultForm(NOW), modelId: 'm1', trigger: { kind: 'tier', tier: 'High' }, outcomeEvent: ' Subscription Started ' });
    expect(built).toEqual({
      ok: true,
      request: {
        from: '2026-03-02T00:00:00.000Z',
        to: '2026-03-31T23:59:59.999Z',
        subject: 'person',
        outcome: { kind: 'event', event: 'Subscription Started' },
        modelId: 'm1',
        trigger: { kind: 'tierChange', model: 'm1', to: 'High' },
      },
    });
  });

  it("backtests a playbook's trigger or a score threshold, with a trait outcome", () => {
    const form = { ...defaultForm(NOW), modelId: 'm1', outcomeKind: 'trait' as const, outcomeTrait: 'plan', outcomeEquals: 'paid' };
    const playbook = buildBacktestRequest({ ...form, trigger: { kind: 'playbook', playbookId: 'pb-1' } });
    expect(playbook.ok && playbook.request).toMatchObject({ playbookId: 'pb-1', outcome: { kind: 'trait', trait: 'plan', equals: 'paid' } });
    expect(playbook.ok && playbook.request.trigger).toBeUndefined();
    const threshold = buildBacktestRequest({ ...form, trigger: { kind: 'threshold', threshold: 71 } });
    expect(threshold.ok && threshold.request.trigger).toEqual({ kind: 'scoreThreshold', model: 'm1', threshold: 71, direction: 'up' });
  });

  it('reads trait values as JSON scalars and formats rates', () => {
    expect([parseEquals('true'), parseEquals('12'), parseEquals('paid'), parseEquals('null')]).toEqual([true, 12, 'paid', null]);
    expect(percent(0.4231)).toBe('42.3%');
    expect(percent(null)).toBe('—');
    expect(ratio(2.5)).toBe('2.50×');
  });

  it('lines up the tier mix of the draft and the published version', () => {
    const summary = { fired: [], firesPerDay: [], truePositives: 0, precision: null, recall: null, lift: null };
    const rows = tierRows({
      ...summary,
      tierDistribution: [{ tier: 'High', count: 3 }, { tier: 'none', count: 5 }],
      baseline: { ...summary, tierDistribution: [{ tier: 'Low', count: 2 }, { tier: 'High', count: 1 }] },
    } as never);
    expect(rows).toEqual([
      { tier: 'High', draft: 3, baseline: 1 },
      { tier: 'none', draft: 5, baseline: 0 },
      { tier: 'Low', draft: 0, baseline: 2 },
    ]);
  });
});
