import { useMemo } from 'react';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { demoRequestFollowUp, validate, type Playbook } from '@tripline/playbook';
import type { DesignerCatalogueData } from '../../../api/types';
import { TRIGGER_NODE_ID } from '../../../canvas/to-flow';
import { catalogueFrom, connectorsFrom, useCatalogueStore } from '../../../store/catalogue-store';
import { useConnectionsStore } from '../../../store/connections-store';
import { useEditorStore } from '../../../store/editor-store';
import { NodeInspector } from './NodeInspector';
import { CONNECTOR_CATALOGUE } from './test-support/catalogue';

const data: DesignerCatalogueData = {
  connectorCatalogue: CONNECTOR_CATALOGUE,
  scoringModels: [
    {
      id: 'pql',
      name: 'PQL score',
      draft: { tiers: [{ name: 'Low', min: 0, max: 40 }, { name: 'Medium', min: 41, max: 70 }, { name: 'High', min: 71, max: 100 }] },
      versions: [],
    },
  ],
};

const playbook: Playbook = {
  ...demoRequestFollowUp,
  nodes: {
    ...demoRequestFollowUp.nodes,
    pause: { kind: 'wait', label: 'Give them a day', for: '1d' },
    ab: { kind: 'split', variants: [{ port: 'a', percent: 50 }, { port: 'b', percent: 50 }] },
  },
  edges: [...demoRequestFollowUp.edges, { from: 'ab', to: 'done', port: 'a' }, { from: 'ab', to: 'no-email', port: 'b' }],
};

const editor = () => useEditorStore.getState();
const documentNow = () => editor().document!;

/** The panel as the editor shows it: the store's document, validated live. */
function Panel({ canEdit }: { canEdit: boolean }) {
  const document = useEditorStore((s) => s.document)!;
  const problems = useMemo(() => validate(document).problems, [document]);
  return <NodeInspector document={document} problems={problems} canEdit={canEdit} />;
}

function open(nodeId: string, { canEdit = true, draft = playbook }: { canEdit?: boolean; draft?: Playbook } = {}) {
  act(() => {
    editor().load('pb-1', draft);
    editor().select({ nodes: [nodeId], edges: [] });
  });
  const user = userEvent.setup();
  render(<Panel canEdit={canEdit} />);
  return user;
}

// Typing long templates with user-event takes seconds on a busy CI machine: Jest's default 5 s is too tight.
jest.setTimeout(20_000);

beforeEach(() => {
  useCatalogueStore.setState({ status: 'ready', catalogue: catalogueFrom(data), connectors: connectorsFrom(data), defaultScoringModel: 'pql' });
  useConnectionsStore.setState({
    status: 'ready',
    connections: [
      { id: 'c-1', name: 'default-email', connector: 'email', health: 'ok', healthNote: null },
      { id: 'c-2', name: 'marketing-smtp', connector: 'email', health: 'ok', healthNote: null },
      { id: 'c-3', name: 'hubspot', connector: 'hubspot', health: 'ok', healthNote: null },
    ],
  });
});

describe('the node configuration panel', () => {
  it('makes an edit undoable: one step per field typed into, undo and redo move the form too', async () => {
    const user = open('pause');
    const duration = screen.getByRole('textbox', { name: /^Wait for/ }) as HTMLInputElement;
    await user.clear(duration);
    await user.type(duration, '48h');
    expect(documentNow().nodes['pause']).toEqual({ kind: 'wait', label: 'Give them a day', for: '48h' });
    expect(screen.getByText('48 hours')).toBeTruthy();
    expect(editor().history.past).toHaveLength(1);
    expect(editor().history.past[0]!.label).toBe('Edit step');

    act(() => editor().undo());
    expect(documentNow().nodes['pause']).toMatchObject({ for: '1d' });
    expect((screen.getByRole('textbox', { name: /^Wait for/ }) as HTMLInputElement).value).toBe('1d');
    act(() => editor().redo());
    expect((screen.getByRole('textbox', { name: /^Wait for/ }) as HTMLInputElement).value).toBe('48h');
  });

  it('validates durations with isDuration and writes only complete ones', async () => {
    const user = open('pause');
    const duration = screen.getByRole('textbox', { name: /^Wait for/ });
    await user.clear(duration);
    await user.type(duration, '3x');
    expect(duration.closest('.field')!.textContent).toContain('"3x" is not a duration');
    expect(documentNow().nodes['pause']).toMatchObject({ for: '1d' });
  });

  it('configures the email: connection picker, subject with a live preview, irreversible and required marked', async () => {
    const user = open('send-confirmation');
    const panel = screen.getByRole('region', { name: 'Selected step' });
    expect(within(panel).getByText('irreversible')).toBeTruthy();
    expect(within(panel).getByText(/Irreversible: once it ran, it cannot be undone/)).toBeTruthy();
    expect((screen.getByRole('combobox', { name: /^Connector/ }) as HTMLSelectElement).value).toBe('email');

    const connection = screen.getByRole('combobox', { name: /^Connection/ }) as HTMLSelectElement;
    expect([...connection.options].map((option) => option.value)).toEqual(['', 'default-email', 'marketing-smtp']);
    await user.selectOptions(connection, 'marketing-smtp');
    expect(documentNow().nodes['send-confirmation']).toMatchObject({ connection: 'marketing-smtp' });

    const subject = screen.getByRole('textbox', { name: /^Subject/ }) as HTMLInputElement;
    expect(subject.required).toBe(true);
    await user.clear(subject);
    await user.type(subject, 'A demo for {{{{ account.traits.name }}');
    expect(documentNow().nodes['send-confirmation']).toMatchObject({ input: { subject: 'A demo for {{ account.traits.name }}' } });
    expect((await screen.findByRole('region', { name: 'Preview of Subject' })).textContent).toContain('A demo for Northwind Analytics');

    act(() => editor().undo());
    expect(documentNow().nodes['send-confirmation']).toMatchObject({ input: { subject: 'Your demo request, {{ person.traits.firstName | default: "there" }}' } });
    expect(screen.getByRole('region', { name: 'Preview of Subject' }).textContent).toContain('Your demo request, Maya');
  });

  it('lists the node’s problems from live validation at the top of the panel', async () => {
    const user = open('send-confirmation');
    expect(screen.queryByRole('region', { name: 'Problems with this step' })).toBeNull();
    await user.clear(screen.getByRole('textbox', { name: /^To/ }));
    const problems = screen.getByRole('region', { name: 'Problems with this step' });
    expect(problems.textContent).toContain('email.send needs input "to"');
    expect(screen.getByRole('textbox', { name: /^To/ }).closest('.field')!.textContent).toContain('email.send needs input "to"');
  });

  it('switches the action from the catalogue, keeping the inputs it still takes', async () => {
    const user = open('send-confirmation');
    await user.selectOptions(screen.getByRole('combobox', { name: /^Connector/ }), 'HubSpot');
    expect(documentNow().nodes['send-confirmation']).toMatchObject({ connector: 'hubspot', action: 'createTask', connection: 'hubspot', input: { subject: expect.any(String) } });
    expect(screen.queryByText('irreversible')).toBeNull();
    expect(screen.getByRole('combobox', { name: 'Priority' })).toBeTruthy();
    act(() => editor().undo());
    expect(documentNow().nodes['send-confirmation']).toMatchObject({ connector: 'email', connection: 'default-email' });
  });

  it('lets a role that cannot list connections type the connection’s name', () => {
    useConnectionsStore.setState({ status: 'forbidden', connections: [] });
    open('send-confirmation');
    const connection = screen.getByRole('textbox', { name: /^Connection/ }) as HTMLInputElement;
    expect(connection.value).toBe('default-email');
    expect(connection.closest('.field')!.textContent).toContain('Only editors and admins can list connections');
  });

  it('edits a condition with the builder', async () => {
    const user = open('has-email');
    const rule = screen.getByRole('group', { name: 'Rule 1' });
    await user.selectOptions(within(rule).getByRole('combobox', { name: 'Operator' }), 'contains');
    await user.type(within(rule).getByRole('textbox', { name: 'Value' }), '@');
    expect(documentNow().nodes['has-email']).toMatchObject({ when: { property: 'person.traits.email', operator: 'contains', value: '@' } });
  });

  it('renames a split variant together with its connection', async () => {
    const user = open('ab');
    const name = screen.getByRole('textbox', { name: 'Variant 1 name' });
    await user.clear(name);
    await user.type(name, 'control');
    expect(documentNow().nodes['ab']).toMatchObject({ variants: [{ port: 'control', percent: 50 }, { port: 'b', percent: 50 }] });
    expect(documentNow().edges).toContainEqual({ from: 'ab', to: 'done', port: 'control' });
    expect(editor().history.past).toHaveLength(1);
  });

  it('configures the trigger: kind, model from the catalogue, threshold, and enrollment', async () => {
    const user = open(TRIGGER_NODE_ID);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Starts when' }), 'Score threshold');
    expect(documentNow().trigger).toEqual({ kind: 'scoreThreshold', model: 'pql', threshold: 71, direction: 'up' });
    expect((screen.getByRole('combobox', { name: /^Scoring model/ }) as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('PQL score');
    const threshold = screen.getByRole('textbox', { name: /^Threshold/ });
    await user.clear(threshold);
    await user.type(threshold, '41');
    expect(documentNow().trigger).toMatchObject({ threshold: 41 });
    expect(screen.getByText('Score ≥ 41 → Medium tier (PQL score)')).toBeTruthy();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Re-enrollment' }), 'never: once per subject');
    expect(documentNow().enrollment).toEqual({ subject: 'person', reenroll: 'never' });
    act(() => editor().undo());
    expect(documentNow().enrollment).toEqual({ subject: 'person', reenroll: { afterDays: 30 } });
  });

  it('is read-only for a role that cannot edit', () => {
    open('pause', { canEdit: false });
    expect((screen.getByRole('textbox', { name: /^Wait for/ }) as HTMLInputElement).closest('fieldset')!.disabled).toBe(true);
  });
});
