import { pqlComponentModel } from '../defaults/pql-component-model';
import { seedEventModel } from '../defaults/seed-event-model';
import { parseScoringModel, validateScoringModel } from './validate';

const codes = (input: unknown) => validateScoringModel(input).problems.map((problem) => problem.code);

describe('validateScoringModel', () => {
  it('accepts the default models', () => {
    expect(validateScoringModel(seedEventModel())).toEqual({ ok: true, problems: [] });
    expect(validateScoringModel(pqlComponentModel())).toEqual({ ok: true, problems: [] });
    expect(validateScoringModel(JSON.parse(JSON.stringify(pqlComponentModel())))).toEqual({ ok: true, problems: [] });
  });

  it('reports component weights summing to 99, naming the sum', () => {
    const model = pqlComponentModel();
    model.components[0]!.weight = 19; // 19 + 15 + 15 + 10 + 10 + 15 + 15 = 99
    const result = validateScoringModel(model);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      { code: 'weights_sum', path: ['components'], message: 'components: component weights must sum to 100, but they sum to 99' },
    ]);
  });

  it('accepts weights that sum to 100 only after floating-point rounding', () => {
    const model = pqlComponentModel();
    model.components = model.components.slice(0, 3).map((component) => ({ ...component, weight: 100 / 3 }));
    expect(codes(model)).toEqual([]);
  });

  it('reports tiers out of order, overlapping, with gaps, or not covering 0–100', () => {
    const overlapping = pqlComponentModel();
    overlapping.tiers[1]!.min = 40; // Low ends at 40
    expect(validateScoringModel(overlapping).problems).toEqual([
      { code: 'tiers', path: ['tiers', 1, 'min'], message: 'tiers[1].min: "Medium" starts at 40, overlapping "Low" which ends at 40' },
    ]);

    const gap = pqlComponentModel();
    gap.tiers[2]!.min = 75;
    expect(validateScoringModel(gap).problems[0]?.message).toBe('tiers[2].min: scores between 70 and 75 have no tier: "High" should start at 71');

    const short = pqlComponentModel();
    short.tiers[0]!.min = 10;
    short.tiers[2]!.max = 90;
    expect(validateScoringModel(short).problems.map((problem) => problem.path)).toEqual([
      ['tiers', 0, 'min'],
      ['tiers', 2, 'max'],
    ]);

    const unordered = pqlComponentModel();
    unordered.tiers.reverse();
    const unorderedProblems = validateScoringModel(unordered).problems;
    // Medium and Low come after High; nothing starts at 0; nothing reaches 100
    expect(unorderedProblems.map((problem) => problem.path)).toEqual([
      ['tiers', 1, 'min'],
      ['tiers', 2, 'min'],
      ['tiers', 0, 'min'],
      ['tiers', 2, 'max'],
    ]);
    expect(unorderedProblems[0]?.message).toBe(
      'tiers[1].min: tiers must be listed in ascending order: "Medium" (from 41) comes after "High" (from 71)',
    );

    const inverted = seedEventModel();
    inverted.tiers = [{ name: 'Odd', min: 50, max: 10 }];
    expect(validateScoringModel(inverted).problems[0]?.message).toBe('tiers[0]: "Odd" starts at 50, above its max 10');
  });

  it('lets event models leave gaps and open ends in their tiers', () => {
    const model = seedEventModel();
    model.tiers = [
      { name: 'Warm', min: 50, max: 99 },
      { name: 'Hot', min: 150, max: 1000 },
    ];
    expect(codes(model)).toEqual([]);
  });

  it('reports duplicate rule, component and tier ids', () => {
    const events = seedEventModel();
    events.rules[2]!.id = events.rules[0]!.id;
    expect(validateScoringModel(events).problems).toEqual([
      {
        code: 'duplicate_id',
        path: ['rules', 2, 'id'],
        message: 'rules[2].id: rule id "visited-pricing-page" is already used by rules[0]',
      },
    ]);
    const components = pqlComponentModel();
    components.components[6]!.id = 'integrations';
    components.tiers[2]!.name = 'Low';
    expect(validateScoringModel(components).problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['duplicate_id', ['components', 6, 'id']],
      ['duplicate_id', ['tiers', 2, 'name']],
    ]);
  });

  it('reports points × weight that overflows', () => {
    const model = seedEventModel();
    model.rules[0]!.points = 1e308;
    model.rules[0]!.weight = 10;
    expect(validateScoringModel(model).problems).toEqual([
      { code: 'points', path: ['rules', 0, 'points'], message: 'rules[0].points: points × weight (1e+308 × 10) is too large to score with' },
    ]);
  });

  it('reports schema problems at their field', () => {
    const model = JSON.parse(JSON.stringify(seedEventModel()));
    model.rules[1].weight = -1;
    model.rules[2].cap.per = 'fortnight';
    delete model.rules[3].points;
    model.decay = { kind: 'halfLife', days: 0 };
    model.rules[0].points = 'five';
    model.extra = true;
    const problems = validateScoringModel(model).problems;
    expect(problems.every((problem) => problem.code === 'schema')).toBe(true);
    expect(problems.map((problem) => problem.message).sort()).toEqual(
      [
        'decay.days: days must be more than 0',
        'model: unknown field "extra"',
        'rules[0].points: points must be a finite number',
        'rules[1].weight: weight must not be negative (use negative points to subtract)',
        'rules[2].cap.per: per must be one of: day, week, month',
        'rules[3].points: is required (number)',
      ].sort(),
    );
  });

  it('reports an unknown model kind, metric kind and a bad component', () => {
    expect(validateScoringModel({ ...seedEventModel(), kind: 'magic' }).problems[0]?.message).toBe(
      'kind: kind must be "events" (event rules) or "components" (a component model)',
    );
    const model = JSON.parse(JSON.stringify(pqlComponentModel()));
    model.components[0].metric = { kind: 'vibes' };
    model.components[1].fullPointsAt = 0;
    model.components[2].metric.windowDays = 1.5;
    expect(validateScoringModel(model).problems.map((problem) => problem.path)).toEqual([
      ['components', 0, 'metric', 'kind'],
      ['components', 1, 'fullPointsAt'],
      ['components', 2, 'metric', 'windowDays'],
    ]);
  });

  it('reports unfinished rules: no event, an incomplete filter, no rules at all', () => {
    const model = seedEventModel();
    model.rules[0]!.event = '';
    model.rules[1]!.where = { property: 'event.properties.plan', operator: 'eq' };
    expect(validateScoringModel(model).problems).toEqual([
      { code: 'missing_config', path: ['rules', 0, 'event'], message: 'rules[0].event: choose the event this rule scores' },
      { code: 'missing_config', path: ['rules', 1, 'where'], message: 'rules[1].where: "event.properties.plan" is equal to needs a value' },
    ]);
    expect(codes({ ...seedEventModel(), rules: [] })).toEqual(['missing_config']);
  });

  it('refuses hostile documents with a clear message', () => {
    const model = JSON.parse('{"__proto__": {"polluted": true}, "kind": "events"}');
    expect(validateScoringModel(model).problems[0]?.message).toBe('__proto__: "__proto__" is not allowed as a key');
    let deep: unknown = {};
    for (let index = 0; index < 100; index += 1) deep = { all: [deep] };
    const nested = { ...seedEventModel(), rules: [{ ...seedEventModel().rules[0], where: deep }] };
    expect(validateScoringModel(nested).problems[0]?.message).toMatch(/nested too deeply/);
    expect(validateScoringModel({ ...seedEventModel(), rules: [{ ...seedEventModel().rules[0], id: 'constructor' }] }).problems[0]?.message).toBe(
      'rules[0].id: this id is a reserved word',
    );
  });

  it('parseScoringModel returns the typed model only when there is nothing to fix', () => {
    const parsed = parseScoringModel(JSON.parse(JSON.stringify(seedEventModel())));
    expect(parsed.ok && parsed.model.kind).toBe('events');
    const bad = pqlComponentModel();
    bad.components[0]!.weight = 19;
    expect(parseScoringModel(bad)).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'weights_sum' })] });
    expect(parseScoringModel('nope')).toMatchObject({ ok: false, problems: [{ code: 'schema' }] });
  });
});
