import fc from 'fast-check';
import type { Playbook, Trigger } from '../dsl/types';
import { EXAMPLE_PLAYBOOKS, TRIGGER_TAXONOMY, demoRequestFollowUp, trialConversion } from '../examples';
import { diffPlaybooks } from './diff-playbooks';
import { thresholdFields, withThreshold } from './thresholds';

const copy = (playbook: Playbook): Playbook => structuredClone(playbook);
const withTrigger = (playbook: Playbook, trigger: Trigger): Playbook => ({ ...copy(playbook), trigger: structuredClone(trigger) });
const taxonomy = (id: string): Trigger => TRIGGER_TAXONOMY.find((row) => row.id === id)!.trigger;
const pqlEscalation = withTrigger(demoRequestFollowUp, taxonomy('pql-escalate'));

describe('diffPlaybooks', () => {
  it('a threshold change: one field entry and "Trigger: score threshold 71 → 80"', () => {
    expect(pqlEscalation.trigger).toEqual({ kind: 'scoreThreshold', model: 'pql', threshold: 71, direction: 'up' });
    const diff = diffPlaybooks(pqlEscalation, withThreshold(pqlEscalation, 'trigger.threshold', 80));
    expect(diff).toEqual({
      subject: 'Playbook',
      summary: ['Trigger: score threshold 71 → 80'],
      items: [],
      fields: [{ path: 'trigger.threshold', kind: 'changed', before: 71, after: 80 }],
      empty: false,
    });
  });

  it('a threshold inside a composite says which child changed', () => {
    const composite = withTrigger(demoRequestFollowUp, taxonomy('multi-user-growth'));
    const changed = withThreshold(withThreshold(composite, 'trigger.triggers.1.atLeast', 8), 'trigger.triggers.0.withinDays', 7);
    const diff = diffPlaybooks(composite, changed);
    expect(diff.summary).toEqual(['Trigger #1: window in days 14 → 7', 'Trigger #2: minimum people 5 → 8']);
    expect(diff.fields).toEqual([
      { path: 'trigger.triggers.0.withinDays', kind: 'changed', before: 14, after: 7 },
      { path: 'trigger.triggers.1.atLeast', kind: 'changed', before: 5, after: 8 },
    ]);
  });

  it("an email's subject: a changed node with the leaf change inside, labelled by what the step does", () => {
    const after = copy(demoRequestFollowUp);
    const step = after.nodes['send-confirmation']!;
    if (step.kind !== 'action') throw new Error('example changed');
    step.input = { ...step.input, subject: 'Your Tripline demo' };
    const diff = diffPlaybooks(demoRequestFollowUp, after);
    expect(diff.fields).toEqual([]);
    expect(diff.items).toEqual([
      {
        collection: 'nodes',
        key: 'send-confirmation',
        kind: 'changed',
        label: 'Send email: Your Tripline demo',
        changes: [
          {
            path: 'input.subject',
            kind: 'changed',
            before: 'Your demo request, {{ person.traits.firstName | default: "there" }}',
            after: 'Your Tripline demo',
          },
        ],
      },
    ]);
    expect(diff.summary).toEqual([
      'Node "send-confirmation" (Send email: Your Tripline demo): input subject "Your demo request, {{ person.traits.firstName | default: "t…" → "Your Tripline demo"',
    ]);
  });

  it('a changed filter reads as the whole filter before → after, once', () => {
    const after = copy(trialConversion);
    after.nodes['high-tier'] = {
      kind: 'condition',
      label: 'High PQL tier?',
      when: { all: [{ property: 'account.traits.pqlScore', operator: 'gte', value: 75 }, { property: 'person.traits.email', operator: 'exists' }] },
    };
    const diff = diffPlaybooks(trialConversion, after);
    expect(diff.items[0]!.changes).toEqual([{ path: 'when.all.0.value', kind: 'changed', before: 71, after: 75 }]);
    expect(diff.summary).toEqual(['Node "high-tier" (If pqlScore ≥ 75 AND email is known): when pqlScore ≥ 71 AND email is known → pqlScore ≥ 75 AND email is known']);
  });

  it('added and removed nodes and edges, keyed by id and from→to:port', () => {
    const after = copy(trialConversion);
    // Drop the B variant: the split's B port now goes straight to the end.
    delete after.nodes['tips-b'];
    after.edges = after.edges.filter((edge) => edge.from !== 'tips-b' && edge.to !== 'tips-b');
    after.edges.push({ from: 'subject-test', to: 'done', port: 'B' });
    after.nodes['log-offer'] = { kind: 'score', model: 'pql', adjust: 5 };
    after.edges = after.edges.map((edge) => (edge.from === 'send-offer' ? { from: 'send-offer', to: 'log-offer' } : edge));
    after.edges.push({ from: 'log-offer', to: 'done' });
    const diff = diffPlaybooks(trialConversion, after);
    expect(diff.items.map(({ collection, key, kind }) => `${kind} ${collection} ${key}`)).toEqual([
      'added nodes log-offer',
      'removed nodes tips-b',
      'added edges send-offer→log-offer',
      'added edges subject-test→done:B',
      'added edges log-offer→done',
      'removed edges send-offer→done',
      'removed edges subject-test→tips-b:B',
      'removed edges tips-b→done',
    ]);
    expect(diff.items[0]!.changes).toEqual([{ path: '', kind: 'added', after: { kind: 'score', model: 'pql', adjust: 5 } }]);
    expect(diff.items[1]!.changes).toEqual([{ path: '', kind: 'removed', before: trialConversion.nodes['tips-b'] }]);
    expect(diff.summary).toEqual([
      'Added node "log-offer" (Adjust pql score by +5)',
      'Removed node "tips-b" (Send email: {{ person.traits.firstName | default: "Hi" }}, have you tried the analytics dashboard?)',
      'Added edge send-offer→log-offer',
      'Added edge subject-test→done:B',
      'Added edge log-offer→done',
      'Removed edge send-offer→done',
      'Removed edge subject-test→tips-b:B',
      'Removed edge tips-b→done',
    ]);
  });

  it('fields outside the graph: name, description, enrollment, start, outreach', () => {
    const after: Playbook = {
      ...copy(demoRequestFollowUp),
      name: 'Demo follow-up',
      enrollment: { subject: 'person', reenroll: 'never' },
      outreach: { priority: 80 },
    };
    delete after.description;
    const diff = diffPlaybooks(demoRequestFollowUp, after);
    expect(diff.fields).toEqual([
      { path: 'name', kind: 'changed', before: 'Demo request follow-up', after: 'Demo follow-up' },
      { path: 'description', kind: 'removed', before: demoRequestFollowUp.description },
      { path: 'enrollment.reenroll', kind: 'changed', before: { afterDays: 30 }, after: 'never' },
      { path: 'outreach', kind: 'added', after: { priority: 80 } },
    ]);
    expect(diff.summary).toEqual([
      'Name: "Demo request follow-up" → "Demo follow-up"',
      'Description: removed (was "When someone requests a demo, confirm it by email straight …")',
      'Enrollment: person, re-enroll after 30 days → person, re-enroll never',
      'Outreach: {"priority":80}',
    ]);
  });

  it('a trigger that changes kind reads as the whole trigger before → after', () => {
    const diff = diffPlaybooks(demoRequestFollowUp, withTrigger(demoRequestFollowUp, { kind: 'eventCount', event: 'Demo Requested', atLeast: 2, withinDays: 14 }));
    expect(diff.summary).toEqual(['Trigger: Demo Requested → Demo Requested ≥ 2 in 14 days']);
    expect(diff.fields.map((entry) => `${entry.kind} ${entry.path}`)).toEqual([
      'changed trigger.kind',
      'added trigger.atLeast',
      'added trigger.withinDays',
    ]);
  });

  it('a first publish (before null): everything is added', () => {
    const diff = diffPlaybooks(null, demoRequestFollowUp);
    expect(diff.empty).toBe(false);
    expect(diff.fields).toEqual([
      { path: 'name', kind: 'added', after: 'Demo request follow-up' },
      { path: 'description', kind: 'added', after: demoRequestFollowUp.description },
      { path: 'trigger', kind: 'added', after: { kind: 'event', event: 'Demo Requested' } },
      { path: 'enrollment', kind: 'added', after: { subject: 'person', reenroll: { afterDays: 30 } } },
      { path: 'start', kind: 'added', after: 'has-email' },
    ]);
    expect(diff.items.every((item) => item.kind === 'added')).toBe(true);
    expect(diff.items.filter((item) => item.collection === 'nodes').map((item) => item.key)).toEqual(Object.keys(demoRequestFollowUp.nodes));
    expect(diff.items.filter((item) => item.collection === 'edges')).toHaveLength(demoRequestFollowUp.edges.length);
    expect(diff.summary).toEqual([
      'Name: "Demo request follow-up"',
      'Description: "When someone requests a demo, confirm it by email straight …"',
      'Trigger: Demo Requested',
      'Enrollment: person, re-enroll after 30 days',
      'Start node: "has-email"',
      'Added node "has-email" (If email is known)',
      'Added node "send-confirmation" (Send email: Your demo request, {{ person.traits.firstName | default: "there" }})',
      'Added node "done" (End)',
      'Added node "no-email" (End)',
      'Added edge has-email→send-confirmation:yes',
      'Added edge has-email→no-email:no',
      'Added edge send-confirmation→done',
    ]);
  });

  it('ignores id, version and the designer layout: the same content diffs empty', () => {
    const moved: Playbook = { ...copy(trialConversion), id: 'other', version: 7, layout: { done: { x: 1, y: 2 } } };
    moved.edges.reverse();
    expect(diffPlaybooks(trialConversion, moved)).toEqual({ subject: 'Playbook', summary: [], items: [], fields: [], empty: true });
  });

  it('twin edges are compared one for one', () => {
    const twin = copy(demoRequestFollowUp);
    twin.edges.push({ from: 'send-confirmation', to: 'done' });
    const diff = diffPlaybooks(demoRequestFollowUp, twin);
    expect(diff.items.map((item) => `${item.kind} ${item.key}`)).toEqual(['added send-confirmation→done#2']);
  });

  it('every example against itself is empty; any threshold change is exactly one field and one line (property)', () => {
    for (const playbook of EXAMPLE_PLAYBOOKS) expect(diffPlaybooks(playbook, copy(playbook)).empty).toBe(true);
    const withFields = TRIGGER_TAXONOMY.map((row) => withTrigger(demoRequestFollowUp, row.trigger)).filter(
      (playbook) => thresholdFields(playbook.trigger).length > 0,
    );
    fc.assert(
      fc.property(fc.constantFrom(...withFields), fc.nat(), fc.integer({ min: 1, max: 5 }), (playbook, pick, step) => {
        const fields = thresholdFields(playbook.trigger);
        const field = fields[pick % fields.length]!;
        const diff = diffPlaybooks(playbook, withThreshold(playbook, field.path, field.value + step));
        expect(diff.fields).toEqual([{ path: field.path, kind: 'changed', before: field.value, after: field.value + step }]);
        expect(diff.items).toEqual([]);
        expect(diff.summary).toHaveLength(1);
        expect(diff.summary[0]).toMatch(new RegExp(`^Trigger( #[\\d.]+)?: [a-z -]+ ${field.value} → ${field.value + step}$`));
      }),
    );
  });
});
