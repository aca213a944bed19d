import type { Step } from '../../dsl/types';
import { emailAction, end, playbookWith } from '../../test-support/playbook-builder';
import { problemsOf } from '../../test-support/problems';
import { validate } from '../validate';

/** One node `n` of the given kind leading to an end; returns what validate() says about `n`. */
function configProblems(step: Step): { message: string; path?: (string | number)[] }[] {
  const edges = step.kind === 'condition' ? [{ from: 'n', to: 'done', port: 'yes' }] : step.kind === 'split' ? [] : [{ from: 'n', to: 'done' }];
  const playbook = playbookWith({ n: step, done: end }, edges);
  const { problems } = validate(playbook);
  const others = problems.filter((problem) => problem.code !== 'missing_config' || problem.nodeId !== 'n');
  expect(others.filter((problem) => problem.code !== 'unreachable_node')).toEqual([]);
  return problems.filter((problem) => problem.code === 'missing_config').map(({ message, path }) => ({ message, path }));
}

describe('missing_config', () => {
  it('action without connector, action and connection', () => {
    expect(configProblems({ kind: 'action', connector: '', action: ' ', connection: '', input: {} })).toEqual([
      { message: 'node "n": choose a connector', path: ['nodes', 'n', 'connector'] },
      { message: 'node "n": choose an action', path: ['nodes', 'n', 'action'] },
      { message: 'node "n": choose a connection', path: ['nodes', 'n', 'connection'] },
    ]);
  });

  it('email action lacking to and subject', () => {
    expect(configProblems(emailAction({ text: 'Hello' }))).toEqual([
      { message: 'node "n": email.send needs input "to"', path: ['nodes', 'n', 'input', 'to'] },
      { message: 'node "n": email.send needs input "subject"', path: ['nodes', 'n', 'input', 'subject'] },
    ]);
  });

  it('email action with blank subject and no body', () => {
    expect(configProblems(emailAction({ to: 'a@example.com', subject: '   ' }))).toEqual([
      { message: 'node "n": email.send needs input "subject"', path: ['nodes', 'n', 'input', 'subject'] },
      { message: 'node "n": email.send needs "text" or "html"', path: ['nodes', 'n', 'input', 'text'] },
    ]);
  });

  it('email action with an html body only is complete', () => {
    expect(configProblems(emailAction({ to: ['a@example.com'], subject: 'Hi', html: '<p>Hi</p>' }))).toEqual([]);
  });

  it('other connectors are not held to the email inputs', () => {
    expect(configProblems({ kind: 'action', connector: 'slack', action: 'post', connection: 'slack', input: {} })).toEqual([]);
  });

  it('condition whose group is empty', () => {
    expect(configProblems({ kind: 'condition', when: { all: [] } })).toEqual([
      { message: 'node "n": the condition has no rules yet', path: ['nodes', 'n', 'when', 'all'] },
    ]);
    expect(configProblems({ kind: 'condition', when: { all: [{ property: 'person.traits.email', operator: 'exists' }, { any: [] }] } })).toEqual([
      { message: 'node "n": the condition has no rules yet', path: ['nodes', 'n', 'when', 'all', 1, 'any'] },
    ]);
  });

  it('condition rules without a property or a fitting value', () => {
    expect(
      configProblems({
        kind: 'condition',
        when: {
          any: [
            { property: '', operator: 'exists' },
            { property: 'event.properties.plan', operator: 'eq' },
            { property: 'event.properties.plan', operator: 'in', value: [] },
            { property: 'event.properties.plan', operator: 'in', value: 'pro' },
            { property: 'account.traits.seats', operator: 'gte', value: 'ten' },
            { property: 'person.traits.email', operator: 'contains', value: '' },
            { property: 'person.traits.email', operator: 'eq', value: ['a'] },
          ],
        },
      }).map((problem) => problem.message),
    ).toEqual([
      'node "n": choose a property',
      'node "n": "event.properties.plan" is equal to needs a value',
      'node "n": "event.properties.plan" is any of needs a list of at least one value',
      'node "n": "event.properties.plan" is any of needs a list of at least one value',
      'node "n": "account.traits.seats" is greater than or equal to needs a number or an ISO date (e.g. 2025-01-31)',
      'node "n": "person.traits.email" contains needs some text',
      'node "n": "person.traits.email" is equal to needs a single value, not a list',
    ]);
  });

  it('split percentages that do not sum to 100, too few variants, a repeated port', () => {
    expect(configProblems({ kind: 'split', variants: [{ port: 'A', percent: 60 }, { port: 'B', percent: 30 }] })).toEqual([
      { message: 'node "n": variant percentages add up to 90, not 100', path: ['nodes', 'n', 'variants'] },
    ]);
    expect(configProblems({ kind: 'split', variants: [{ port: 'A', percent: 100 }] }).map((p) => p.message)).toEqual([
      'node "n": a split needs at least two variants',
    ]);
    expect(configProblems({ kind: 'split', variants: [{ port: 'A', percent: 50 }, { port: 'A', percent: 50 }] })).toEqual([
      { message: 'node "n": variant port "A" is used twice', path: ['nodes', 'n', 'variants', 1, 'port'] },
    ]);
  });

  it('approval without assignees, and an empty escalation', () => {
    expect(configProblems({ kind: 'approval', assignees: { users: [], roles: [] }, timeout: '1d', onTimeout: 'reject', escalateTo: {} })).toEqual([
      { message: 'node "n": an approval needs at least one user or role to decide', path: ['nodes', 'n', 'assignees'] },
      { message: 'node "n": escalateTo names nobody; add a user or role, or remove it', path: ['nodes', 'n', 'escalateTo'] },
    ]);
  });

  it('wait with nothing to wait for, and business hours that make no sense', () => {
    expect(configProblems({ kind: 'wait' }).map((p) => p.message)).toEqual(['node "n": a wait needs a duration ("for") or business hours ("until")']);
    expect(configProblems({ kind: 'wait', until: { days: [], startHour: 17, endHour: 9 } }).map((p) => p.message)).toEqual([
      'node "n": business hours need at least one day',
      'node "n": business hours end (9:00) must be after they start (17:00)',
    ]);
    expect(configProblems({ kind: 'wait', until: { timeZone: 'Mars/Olympus_Mons', days: [1], startHour: 9, endHour: 17 } })).toEqual([
      { message: 'node "n": "Mars/Olympus_Mons" is not a time zone: write an IANA name such as "Europe/Berlin"', path: ['nodes', 'n', 'until', 'timeZone'] },
    ]);
    expect(configProblems({ kind: 'wait', until: { timeZone: 'America/New_York', days: [1], startHour: 9, endHour: 17 } })).toEqual([]);
  });

  it('waitForEvent without an event name, score without a model', () => {
    expect(configProblems({ kind: 'waitForEvent', event: { name: '' }, timeout: '1d' }).map((p) => p.message)).toEqual([
      'node "n": choose the event to wait for',
    ]);
    expect(configProblems({ kind: 'score', model: '' }).map((p) => p.message)).toEqual(['node "n": choose a scoring model']);
  });

  it('trigger without an event, with an unfinished filter (no node: the path says where)', () => {
    const playbook = playbookWith({ done: end }, [], {
      trigger: { kind: 'event', event: '', where: { all: [{ property: 'event.properties.plan', operator: 'eq' }] } },
    });
    expect(validate(playbook).problems).toEqual([
      { code: 'missing_config', message: 'trigger.event: choose the event that starts the playbook', path: ['trigger', 'event'] },
      {
        code: 'missing_config',
        message: 'trigger.where.all[0]: "event.properties.plan" is equal to needs a value',
        path: ['trigger', 'where', 'all', 0],
      },
    ]);
  });

  it('an empty trigger filter is fine (it matches every event of that name)', () => {
    expect(problemsOf(playbookWith({ done: end }, [], { trigger: { kind: 'event', event: 'X', where: { all: [] } } }))).toEqual([]);
  });
});
