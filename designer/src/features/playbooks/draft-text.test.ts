import { formatDraft, parseDraftText } from './draft-text';

describe('draft text', () => {
  it('parses JSON and formats it back with two-space indentation', () => {
    const parsed = parseDraftText('{"a":[1,2]}');
    expect(parsed).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(formatDraft({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
  });

  it('says why text is not a draft', () => {
    expect(parseDraftText('  ')).toEqual({ ok: false, error: 'The draft is empty.' });
    const broken = parseDraftText('{"a": }');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error).toMatch(/^The draft is not valid JSON: /);
  });
});
