import { describeChanges, describeSection, formatDiffValue, pathWords, relativeEntries, valueAtPath } from './diff-text';

describe('diff text', () => {
  it('formats values as a summary shows them', () => {
    expect(formatDiffValue(undefined)).toBe('none');
    expect(formatDiffValue(null)).toBe('empty');
    expect(formatDiffValue(71)).toBe('71');
    expect(formatDiffValue(false)).toBe('false');
    expect(formatDiffValue('two\n  lines')).toBe('"two lines"');
    expect(formatDiffValue('x'.repeat(100))).toBe(`"${'x'.repeat(59)}…"`);
    expect(formatDiffValue({ afterDays: 30 })).toBe('{"afterDays":30}');
  });

  it('turns paths into words', () => {
    expect(pathWords('')).toBe('');
    expect(pathWords('metric.windowDays')).toBe('metric window days');
    expect(pathWords('variants.0.percent')).toBe('variants #1 percent');
    expect(pathWords('min', { min: 'from' })).toBe('from');
    expect(pathWords('input.send-at')).toBe('input send-at');
  });

  it('reads values at dotted paths, never through the prototype', () => {
    expect(valueAtPath({ a: [{ b: 1 }] }, 'a.0.b')).toBe(1);
    expect(valueAtPath({ a: 1 }, 'a.b')).toBeUndefined();
    expect(valueAtPath({}, 'constructor')).toBeUndefined();
  });

  it('describes a filter change once, as the whole filter', () => {
    const before = { where: { all: [{ property: 'event.properties.plan', operator: 'eq', value: 'pro' }, { property: 'event.properties.seats', operator: 'gte', value: 10 }] }, points: 5 };
    const after = { where: { all: [{ property: 'event.properties.plan', operator: 'eq', value: 'team' }, { property: 'event.properties.seats', operator: 'gte', value: 20 }] }, points: 6 };
    const changes = [
      { path: 'where.all.0.value', kind: 'changed' as const, before: 'pro', after: 'team' },
      { path: 'where.all.1.value', kind: 'changed' as const, before: 10, after: 20 },
      { path: 'points', kind: 'changed' as const, before: 5, after: 6 },
    ];
    expect(describeChanges(before, after, changes)).toBe('where plan = pro AND seats ≥ 10 → plan = team AND seats ≥ 20; points 5 → 6');
  });

  it('describes sections that appear, disappear or change', () => {
    const entries = relativeEntries([{ path: 'outreach.priority', kind: 'changed', before: 50, after: 80 }, { path: 'name', kind: 'changed', before: 'a', after: 'b' }], 'outreach');
    expect(entries).toEqual([{ path: 'priority', kind: 'changed', before: 50, after: 80 }]);
    expect(describeSection('Outreach', { priority: 50 }, { priority: 80 }, entries)).toBe('Outreach: priority 50 → 80');
    expect(describeSection('Start node', undefined, 'a', [{ path: '', kind: 'added', after: 'a' }])).toBe('Start node: "a"');
    expect(describeSection('Outreach', { priority: 50 }, undefined, [{ path: '', kind: 'removed', before: { priority: 50 } }])).toBe(
      'Outreach: removed (was {"priority":50})',
    );
  });
});
