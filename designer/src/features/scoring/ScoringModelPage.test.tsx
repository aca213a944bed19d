import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { pqlComponentModel, seedEventModel } from '@tripline/scoring';
import { GraphqlRequestError } from '../../api/graphql-client';
import type { ScoringModelWithVersions } from '../../api/scoring-operations';
import { useScoringStore } from '../../store/scoring-store';
import { useSessionStore } from '../../store/session-store';
import { ScoringModelPage } from './ScoringModelPage';
import { answerGraphql } from './test-graphql';

jest.mock('../../api/client', () => ({ graphql: jest.fn() }));

const eventModel = {
  ...seedEventModel(),
  rules: [{ id: 'trial', event: 'Signed Up for Free Trial', points: 50, weight: 1.5, rationale: 'Shows commitment' }],
};

const record = (draft: unknown, overrides: Partial<ScoringModelWithVersions> = {}): ScoringModelWithVersions => ({
  id: 'm1',
  name: 'Lead score',
  kind: (draft as { kind: string }).kind,
  draft,
  publishedVersion: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  versions: [],
  ...overrides,
});

beforeEach(() => {
  useScoringStore.getState().reset();
  useSessionStore.setState({ role: 'editor' });
});

async function open(draft: unknown, answers: Parameters<typeof answerGraphql>[0] = {}) {
  const calls = answerGraphql({ ScoringModel: () => ({ scoringModel: record(draft) }), ...answers });
  const user = userEvent.setup();
  render(<ScoringModelPage id="m1" />);
  await screen.findByRole('heading', { name: 'Lead score' });
  return { user, calls };
}

describe('the scoring model editor', () => {
  it('shows the rule table with points × weight and recomputes it as you type', async () => {
    const { user } = await open(eventModel);
    expect(screen.getByRole('textbox', { name: 'Rule 1 event' })).toHaveProperty('value', 'Signed Up for Free Trial');
    expect(screen.getByTestId('rule-1-scored').textContent).toBe('75');
    const weight = screen.getByRole('textbox', { name: 'Rule 1 weight' });
    await user.clear(weight);
    await user.type(weight, '2');
    expect(screen.getByTestId('rule-1-scored').textContent).toBe('100');

    await user.click(screen.getByRole('button', { name: 'Add scoring rule' }));
    expect(screen.getByRole('textbox', { name: 'Rule 2 event' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add cap to rule 2' }));
    expect(useScoringStore.getState().draft).toMatchObject({ rules: [{ weight: 2 }, { id: 'rule', cap: { count: 1, per: 'day' } }] });
    expect(screen.getByText('Unsaved changes')).toBeTruthy();
  });

  it('edits a rule filter with the condition builder, decay and tiers', async () => {
    const { user } = await open(eventModel);
    await user.click(screen.getByRole('button', { name: 'Add filter of rule 1' }));
    const filterRow = screen.getByRole('button', { name: 'Add filter of rule 1' }).closest('tr')!.nextElementSibling as HTMLElement;
    await user.click(within(filterRow).getByRole('button', { name: 'Add rule' }));
    expect(useScoringStore.getState().draft).toMatchObject({ rules: [{ where: { property: '', operator: 'eq', value: '' } }] });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Decay' }), 'halfLife');
    expect(useScoringStore.getState().draft).toMatchObject({ decay: { kind: 'halfLife', days: 30 } });
    const tierCount = useScoringStore.getState().draft!.tiers.length;
    await user.click(screen.getByRole('button', { name: 'Add tier' }));
    expect(useScoringStore.getState().draft!.tiers).toHaveLength(tierCount + 1);
  });

  it('shows the component weights sum and says when it is not 100', async () => {
    const { user } = await open(pqlComponentModel());
    expect(screen.getByTestId('weights-sum').textContent).toBe('100');
    expect(screen.queryByRole('alert')).toBeNull();
    const weight = screen.getByRole('textbox', { name: 'Component 1 weight' });
    await user.clear(weight);
    await user.type(weight, '0');
    expect(screen.getByRole('alert').textContent).toMatch(/Weights must sum to 100 \(now \d+\)/);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Component 1 metric' }), 'traitRatio');
    await user.type(screen.getByRole('textbox', { name: 'Component 1 trait' }), 'usage');
    // Settings both kinds share carry over (the seats trait), so it is replaced, not appended to.
    expect(screen.getByRole('textbox', { name: 'Component 1 of trait' })).toHaveProperty('value', 'seats');
    await user.clear(screen.getByRole('textbox', { name: 'Component 1 of trait' }));
    await user.type(screen.getByRole('textbox', { name: 'Component 1 of trait' }), 'usage_limit');
    const draft = useScoringStore.getState().draft;
    expect(draft?.kind === 'components' && draft.components[0]!.metric).toEqual({ kind: 'traitRatio', numeratorTrait: 'usage', denominatorTrait: 'usage_limit' });
  });

  it('saves the draft, then lists the problems validation finds', async () => {
    const problem = { code: 'tiers', message: 'tiers: overlap between Low and Medium', path: ['tiers', '1'] };
    const { user, calls } = await open(eventModel, {
      UpdateScoringModelDraft: (v) => ({ updateScoringModelDraft: { ...record((v.input as { definition: unknown }).definition), updatedAt: '2026-01-02T00:00:00Z' } }),
      ValidateScoringModel: () => ({ validateScoringModel: { ok: false, problems: [problem] } }),
    });
    await user.type(screen.getByRole('textbox', { name: 'Rule 1 rationale' }), '!');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('Draft saved.')).toBeTruthy();
    const save = calls.find((c) => c.operation === 'UpdateScoringModelDraft')!;
    expect(save.variables).toMatchObject({ id: 'm1', input: { name: eventModel.name, definition: { rules: [{ rationale: 'Shows commitment!' }] } } });

    await user.click(screen.getByRole('button', { name: 'Validate' }));
    const problems = await screen.findByTestId('scoring-problems');
    expect(problems.textContent).toContain('tiers: overlap between Low and Medium');
  });

  it('publishes, or submits a change request when the workspace needs approval', async () => {
    const { user, calls } = await open(eventModel, {
      PublishScoringModel: () => {
        throw new GraphqlRequestError('Publishing in this workspace needs approval: submit a change request (submitChangeRequest)', 'FORBIDDEN', 200);
      },
      SubmitScoringModelChange: () => ({ submitChangeRequest: { id: 'cr-1', status: 'pending', publishedVersion: null, levels: [{ name: 'Approval', required: 1 }] } }),
    });
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    expect(await screen.findByText('Submitted for approval: Approval (1). It goes live when approved.')).toBeTruthy();
    expect(calls.map((c) => c.operation)).toEqual(['ScoringModel', 'PublishScoringModel', 'SubmitScoringModelChange']);
    expect(calls[2]!.variables).toEqual({ input: { kind: 'publishScoringModel', targetId: 'm1' } });
  });

  it('opens the backtest of this model from its Backtest tab', async () => {
    const { user } = await open(eventModel, { Playbooks: () => ({ playbooks: [] }) });
    await user.click(screen.getByRole('tab', { name: 'Backtest' }));
    expect(screen.getByRole('heading', { name: 'Backtest' })).toBeTruthy();
    // The trigger defaults to entering the model's highest tier.
    expect(screen.getByRole('combobox', { name: 'Fires when' })).toHaveProperty('value', `tier:${eventModel.tiers.at(-1)!.name}`);
  });

  it('publishes directly when allowed and shows the new version', async () => {
    const { user } = await open(eventModel, {
      PublishScoringModel: () => ({ publishScoringModel: { id: 'v1', modelId: 'm1', version: 1, definition: eventModel, publishedAt: '2026-01-02T00:00:00Z' } }),
    });
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    expect(await screen.findByText(/Published version 1\./)).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: 'Versions (1)' }));
    expect(screen.getByRole('cell', { name: 'v1' })).toBeTruthy();
  });

  it('is read-only for a viewer', async () => {
    useSessionStore.setState({ role: 'viewer' });
    await open(eventModel);
    expect(screen.queryByRole('button', { name: 'Publish' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add scoring rule' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Rule 1 event' })).toHaveProperty('readOnly', true);
    expect(screen.queryByRole('tab', { name: 'Backtest' })).toBeNull();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Validate' })).toBeTruthy());
  });
});
