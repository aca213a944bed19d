import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { demoRequestFollowUp, type Playbook } from '@tripline/playbook';
import type { PlaybookRecord } from '../../api/types';
import { useCatalogueStore } from '../../store/catalogue-store';
import { useDraftEditorStore } from '../../store/draft-editor-store';
import { useEditorStore } from '../../store/editor-store';
import { PlaybookEditor } from './PlaybookEditor';

const record = (draft: Playbook = demoRequestFollowUp): PlaybookRecord => ({
  id: 'pb-1',
  name: draft.name,
  description: null,
  status: 'draft',
  draft,
  publishedVersion: null,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
});

const editor = () => useEditorStore.getState();

function open(draft?: Playbook, canEdit = true) {
  useDraftEditorStore.setState({ playbookId: null, text: '', savedText: '', drawn: null, problems: null, validatedText: null, message: null });
  useEditorStore.setState({ playbookId: null, document: null, clipboard: null });
  useDraftEditorStore.getState().open(record(draft));
  return render(<PlaybookEditor playbookId="pb-1" canEdit={canEdit} />);
}

beforeEach(() => {
  useCatalogueStore.setState({
    status: 'ready',
    defaultScoringModel: 'pql',
    catalogue: {
      actions: { 'email.send': { displayName: 'Email: Send', irreversible: true }, 'hubspot.createTask': { displayName: 'HubSpot: Create task', irreversible: false } },
      models: {
        pql: {
          name: 'PQL score',
          tiers: [
            { name: 'Low', min: 0, max: 40 },
            { name: 'Medium', min: 41, max: 70 },
            { name: 'High', min: 71, max: 100 },
          ],
        },
      },
    },
  });
});

describe('the palette', () => {
  it('groups items as Triggers, Scoring, Logic, Approvals and Outreach', () => {
    open();
    const palette = screen.getByRole('navigation', { name: 'Palette' });
    for (const group of ['Triggers', 'Scoring', 'Logic', 'Approvals', 'Outreach']) {
      expect(within(palette).getByRole('region', { name: group })).toBeTruthy();
    }
    expect(within(palette).getByRole('button', { name: 'Add Email' })).toBeTruthy();
  });

  it('adds a step on click, and with Enter from the keyboard, each with a fresh id', async () => {
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole('button', { name: 'Add Wait' }));
    expect(editor().document!.nodes['wait-1']).toMatchObject({ kind: 'wait', for: '2d' });
    expect(await screen.findByTestId('step-node-wait-1')).toBeTruthy();

    screen.getByRole('button', { name: 'Add Email' }).focus();
    await user.keyboard('{Enter}');
    expect(editor().document!.nodes['email-1']).toMatchObject({ kind: 'action', connector: 'email', action: 'send' });
    expect(editor().dirty).toBe(true);
    expect(screen.getByRole('status', { name: '' }).textContent).toBe('Unsaved changes');
  });

  it('replaces the trigger with a trigger item, preselecting the workspace scoring model', async () => {
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole('button', { name: 'Use trigger Score threshold' }));
    expect(editor().document!.trigger).toEqual({ kind: 'scoreThreshold', model: 'pql', threshold: 71, direction: 'up' });
    expect(screen.getByTestId('trigger-node').textContent).toContain('Score ≥ 71 → High tier (PQL score)');
  });

  it('cannot add anything for a role that cannot edit', () => {
    open(undefined, false);
    expect((screen.getByRole('button', { name: 'Add Wait' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('keyboard shortcuts', () => {
  it('Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo', async () => {
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole('button', { name: 'Add Wait' }));
    await user.click(screen.getByRole('button', { name: 'Add End' }));
    expect(Object.keys(editor().document!.nodes)).toEqual(expect.arrayContaining(['wait-1', 'end-1']));

    await user.keyboard('{Control>}z{/Control}');
    expect(editor().document!.nodes['end-1']).toBeUndefined();
    expect(screen.queryByTestId('step-node-end-1')).toBeNull();
    await user.keyboard('{Control>}z{/Control}');
    expect(editor().document!.nodes['wait-1']).toBeUndefined();

    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(editor().document!.nodes['wait-1']).toBeDefined();
    await user.keyboard('{Control>}y{/Control}');
    expect(editor().document!.nodes['end-1']).toBeDefined();
    expect(await screen.findByTestId('step-node-end-1')).toBeTruthy();
  });

  it('Delete removes the selection, Ctrl+C / Ctrl+V copy it under a new id, L lays out', async () => {
    const user = userEvent.setup();
    open();
    act(() => editor().select({ nodes: ['no-email'], edges: [] }));
    await user.keyboard('{Control>}c{/Control}{Control>}v{/Control}');
    expect(editor().document!.nodes['no-email-1']).toEqual(demoRequestFollowUp.nodes['no-email']);
    expect(editor().selection.nodes).toEqual(['no-email-1']);
    await user.keyboard('{Delete}');
    expect(editor().document!.nodes['no-email-1']).toBeUndefined();
    await user.keyboard('l');
    expect(editor().history.past.at(-1)?.label).toBe('Auto-layout');
  });

  it('leaves typing alone: Ctrl+Z in a field is the field’s own undo', async () => {
    const user = userEvent.setup();
    open();
    act(() => editor().select({ nodes: ['done'], edges: [] }));
    const label = screen.getByRole('textbox', { name: 'Label' });
    await user.clear(label);
    await user.type(label, 'Finished');
    expect(editor().document!.nodes['done']!.label).toBe('Finished');
    expect(editor().history.past).toHaveLength(1); // typing is one step
    await user.keyboard('{Control>}z{/Control}');
    expect(editor().history.past).toHaveLength(1);
    await user.keyboard('{Backspace}');
    expect(editor().document!.nodes['done']).toBeDefined();
  });
});

describe('nodes at a glance', () => {
  it('show each step’s key setting, and mark irreversible actions', async () => {
    open({
      ...demoRequestFollowUp,
      nodes: { ...demoRequestFollowUp.nodes, pause: { kind: 'wait', for: '2d' }, task: { kind: 'action', connector: 'hubspot', action: 'createTask', connection: 'hubspot', input: { subject: 'Call {{ person.traits.firstName }}' } } },
      layout: { ...demoRequestFollowUp.layout, pause: { x: 400, y: 0 }, task: { x: 400, y: 160 } },
    });
    const email = await screen.findByTestId('step-node-send-confirmation');
    expect(email.textContent).toContain('Email: Your demo request, {{ person.traits.firstName | default: "there" }}');
    expect(within(email).getByText('irreversible')).toBeTruthy();
    expect(screen.getByTestId('step-node-pause').textContent).toContain('Wait 2 days');
    const task = screen.getByTestId('step-node-task');
    expect(task.textContent).toContain('CRM task: Call {{ person.traits.firstName }}');
    expect(within(task).queryByText('irreversible')).toBeNull();
    expect(screen.getByTestId('step-node-has-email').textContent).toContain('If email is known');
  });

  it('highlight problems on the node and list them', async () => {
    open({ ...demoRequestFollowUp, nodes: { ...demoRequestFollowUp.nodes, stray: { kind: 'wait', for: '1d' } } });
    const stray = await screen.findByTestId('step-node-stray');
    expect(stray.className).toContain('has-problem');
    const list = screen.getByTestId('editor-problems');
    expect(within(list).getByRole('button', { name: 'Show stray' })).toBeTruthy();
  });

  it('keeps the JSON editor under "Advanced: JSON", showing canvas edits', async () => {
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole('button', { name: 'Add Join' }));
    await user.click(screen.getByRole('tab', { name: 'Advanced: JSON' }));
    const json = screen.getByRole('textbox', { name: 'Draft JSON' }) as HTMLTextAreaElement;
    expect(JSON.parse(json.value).nodes['join-1']).toEqual({ kind: 'join', label: 'Join branches' });
  });
});
