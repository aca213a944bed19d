import { DEFAULT_TEMPLATE_LIMITS } from '@tripline/templates';
import { isTemplated, previewTemplate } from './preview';
import { SAMPLE_PROFILE, sampleContext, samplePaths } from './sample-profile';

describe('previewTemplate', () => {
  it('renders against the sample profile, as a run renders', () => {
    expect(previewTemplate('Hi {{ person.traits.firstName | default: "there" }} at {{ account.traits.name }}', SAMPLE_PROFILE.context)).toEqual({
      ok: true,
      text: 'Hi Maya at Northwind Analytics',
    });
    expect(previewTemplate('{{ account.traits.seats | times: 2 }} seats', SAMPLE_PROFILE.context)).toEqual({ ok: true, text: '50 seats' });
    // A score trigger's run carries the score that moved.
    expect(previewTemplate('{{ score.tier }} ({{ score.previousTier }} → {{ score.score }})', SAMPLE_PROFILE.context)).toEqual({ ok: true, text: 'High (Medium → 72)' });
    expect(previewTemplate('{{ profile }}', SAMPLE_PROFILE.context)).toEqual({ ok: true, text: '' }); // not a variable in runs either
  });

  it('says why a template does not parse, with its position', () => {
    expect(previewTemplate('Hi {{ person.traits.firstName | shout }}', SAMPLE_PROFILE.context)).toEqual({
      ok: false,
      reason: 'parse',
      message: 'template could not be parsed: undefined filter: shout (line 1, column 4)',
      line: 1,
      column: 4,
    });
    expect(previewTemplate('{% if person %}open', SAMPLE_PROFILE.context)).toMatchObject({ ok: false, reason: 'parse' });
    expect(previewTemplate('{% include "secrets" %}', SAMPLE_PROFILE.context)).toMatchObject({ ok: false, reason: 'parse' });
  });

  it('stops a runaway template at the runs’ render limits', () => {
    const runaway = '{% for i in (1..100000000) %}{{ account.traits.name }}{% endfor %}';
    const started = Date.now();
    expect(previewTemplate(runaway, SAMPLE_PROFILE.context)).toMatchObject({ ok: false, reason: 'limit' });
    expect(Date.now() - started).toBeLessThan(DEFAULT_TEMPLATE_LIMITS.renderTimeMs + 500);
  });

  it('escapes values inserted into HTML, and only there', () => {
    const context = { person: { traits: { firstName: '<img src=x onerror=alert(1)>' } } };
    expect(previewTemplate('<p>Hi {{ person.traits.firstName }}</p>', context, 'html')).toEqual({ ok: true, text: '<p>Hi &lt;img src=x onerror=alert(1)&gt;</p>' });
    expect(previewTemplate('Hi {{ person.traits.firstName }}', context)).toEqual({ ok: true, text: 'Hi <img src=x onerror=alert(1)>' });
  });

  it('tells templates from plain text', () => {
    expect(isTemplated('Hello')).toBe(false);
    expect(isTemplated('Hi {{ name }}')).toBe(true);
    expect(isTemplated('{% if x %}y{% endif %}')).toBe(true);
  });
});

describe('the sample profile', () => {
  it('has the shape of a run’s evaluation context, named after the trigger event', () => {
    expect(Object.keys(SAMPLE_PROFILE.context).sort()).toEqual(['account', 'event', 'person', 'score']);
    expect(sampleContext('Signed Up for Free Trial').event?.name).toBe('Signed Up for Free Trial');
    expect(sampleContext().event?.name).toBe('Demo Requested');
    expect(samplePaths()).toEqual(expect.arrayContaining(['person.traits.email', 'account.traits.seats', 'event.properties.plan']));
  });
});
