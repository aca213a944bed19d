/**
 * The sample playbooks of @tripline/playbook hold Liquid in their action inputs; this checks that
 * every one of those templates parses and renders to what a person should receive.
 */
import { demoRequestFollowUp, EXAMPLE_PLAYBOOKS, type ActionStep } from '@tripline/playbook';
import { checkInputTemplates, renderInput } from '@tripline/templates';

const context = {
  event: { name: 'Demo Requested', properties: { amount: 60000 } },
  person: { id: 'p1', traits: { email: 'ada@example.com', firstName: 'Ada' } },
  account: { id: 'a1', traits: { name: 'Acme', employees: 20 } },
};

const actions = EXAMPLE_PLAYBOOKS.flatMap((playbook) =>
  Object.entries(playbook.nodes)
    .filter((entry): entry is [string, ActionStep] => entry[1].kind === 'action')
    .map(([nodeId, step]) => [`${playbook.id}/${nodeId}`, step] as const),
);

describe('example playbook templates', () => {
  it('has actions to check', () => {
    expect(actions.length).toBeGreaterThanOrEqual(5);
  });

  it.each(actions)('%s parses and renders without leftover Liquid', (_name, step) => {
    expect(checkInputTemplates(step.input)).toEqual([]);
    const rendered = renderInput(step.input, context);
    expect(rendered['to']).toBe('ada@example.com');
    for (const value of Object.values(rendered)) {
      expect(String(value)).not.toMatch(/{{|{%|}}|%}/);
      expect(String(value)).not.toMatch(/there/); // firstName is known, so no fallback greeting
    }
  });

  it('renders the demo confirmation for a small and a large company', () => {
    const step = demoRequestFollowUp.nodes['send-confirmation'] as ActionStep;
    const small = renderInput(step.input, context);
    expect(small['subject']).toBe('Your demo request, Ada');
    expect(small['text']).toMatch(/^Hi Ada,\n\nThanks for requesting a demo\./);
    expect(small['text']).not.toMatch(/solutions engineer/);
    expect(small['text']).toMatch(/tour\.\nReply to this email/);

    const large = renderInput(step.input, { ...context, account: { id: 'a2', traits: { name: 'Globex', employees: 5000 } } });
    expect(large['text']).toMatch(/Since Globex is a larger organisation, a solutions engineer will join/);

    const anonymous = renderInput(step.input, { person: { id: 'p2', traits: { email: 'x@example.com' } } });
    expect(anonymous['subject']).toBe('Your demo request, there');
  });
});
