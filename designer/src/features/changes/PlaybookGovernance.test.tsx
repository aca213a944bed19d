import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql } from '../../api/client';
import { GraphqlRequestError } from '../../api/graphql-client';
import { useCatalogueStore } from '../../store/catalogue-store';
import { useChangesStore } from '../../store/changes-store';
import { PlaybookGovernance } from './PlaybookGovernance';
import { changeRequest, fakeGraphql, history, v1, type RecordedCall } from './test-fixtures';

jest.mock('../../api/client', () => ({ graphql: jest.fn() }));
const graphqlMock = graphql as unknown as jest.Mock;

let calls: RecordedCall[];
function answer(answers: Parameters<typeof fakeGraphql>[0]) {
  const fake = fakeGraphql({
    PlaybookHistory: () => ({ playbook: history() }),
    ChangeRequests: () => ({ changeRequests: [] }),
    ...answers,
  });
  calls = fake.calls;
  graphqlMock.mockImplementation(fake.implementation);
}
const mutations = () => calls.filter((c) => !['PlaybookHistory', 'ChangeRequests'].includes(c.operation));

function open({ canEdit = true, isAdmin = false } = {}) {
  return render(<PlaybookGovernance playbookId="pb-1" revision="r1" canEdit={canEdit} isAdmin={isAdmin} />);
}

beforeEach(() => {
  useChangesStore.getState().reset();
  useCatalogueStore.setState({ status: 'ready', catalogue: { actions: {}, models: {} } });
  answer({});
});

describe('version history', () => {
  it('lists the versions and compares the live one with the draft by default, on the canvas and as settings', async () => {
    open();
    const table = await screen.findByRole('table', { name: 'Published versions' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('live')).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'Compare' }) as HTMLSelectElement).value).toBe('2');
    expect((screen.getByRole('combobox', { name: 'with' }) as HTMLSelectElement).value).toBe('draft');
    expect(screen.getByRole('region', { name: 'Summary of changes' }).textContent).toContain('Added node "new-wait"');
    const settings = screen.getByRole('region', { name: 'Changed settings' });
    expect(settings.textContent).toContain('"Renamed"');
    expect(within(screen.getByRole('region', { name: 'Visual diff' })).getByTestId('step-node-new-wait')).toBeTruthy();
  });

  it('shows no differences between two versions of the same content', async () => {
    open();
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'with' }), '1');
    expect(screen.getByText('No differences.')).toBeTruthy();
  });

  it('submits a rollback change request and shows it', async () => {
    answer({
      SubmitChangeRequest: () => ({ submitChangeRequest: changeRequest({ id: 'cr-9', kind: 'rollback', title: 'Roll back to v1', rollbackToVersion: 1, proposed: v1 }) }),
    });
    open();
    await userEvent.click(await screen.findByRole('button', { name: 'Roll back to v1' }));
    expect(await screen.findByRole('heading', { name: 'Roll back to v1' })).toBeTruthy();
    expect(mutations()).toEqual([
      { operation: 'SubmitChangeRequest', variables: { input: { kind: 'rollback', targetId: 'pb-1', targetKind: 'playbook', toVersion: 1 } } },
    ]);
    expect(screen.queryByRole('button', { name: 'Roll back now to v1' })).toBeNull();
  });

  it('lets an admin roll back at once, and shows the refusal when the criterion does not hold', async () => {
    const refusal = 'fire rate 1/h is not more than 2 × 2/h (version 1): submit a rollback change request instead';
    answer({ RollbackNow: () => new GraphqlRequestError(refusal, 'FORBIDDEN', 200) });
    open({ isAdmin: true });
    await userEvent.click(await screen.findByRole('button', { name: 'Roll back now to v1' }));
    expect((await screen.findByRole('alert')).textContent).toBe(refusal);
    expect(mutations()).toEqual([{ operation: 'RollbackNow', variables: { input: { targetId: 'pb-1', targetKind: 'playbook', toVersion: 1 } } }]);
  });

  it('offers no rollback to a viewer', async () => {
    open({ canEdit: false });
    await screen.findByRole('table', { name: 'Published versions' });
    expect(screen.queryByRole('button', { name: /Roll back/ })).toBeNull();
  });
});

describe('submit for approval', () => {
  it('submits the draft with a title and reason, then shows the request as the approver sees it', async () => {
    answer({ SubmitChangeRequest: () => ({ submitChangeRequest: changeRequest({ title: 'Faster follow-up', canRecall: true }) }) });
    open();
    await userEvent.click(screen.getByRole('tab', { name: /Change requests/ }));
    expect(await screen.findByText('No change requests yet.')).toBeTruthy();
    await userEvent.type(screen.getByRole('textbox', { name: 'Title' }), 'Faster follow-up');
    await userEvent.type(screen.getByRole('textbox', { name: 'Why' }), 'Reply within a day');
    await userEvent.click(screen.getByRole('button', { name: 'Submit for approval' }));
    const view = await screen.findByRole('article', { name: 'Change request: Faster follow-up' });
    expect(within(view).getByRole('button', { name: 'Recall' })).toBeTruthy();
    expect(within(view).getByRole('region', { name: 'Impact' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Faster follow-up' })).toBeTruthy();
    expect(mutations()).toEqual([
      {
        operation: 'SubmitChangeRequest',
        variables: { input: { kind: 'publishPlaybook', targetId: 'pb-1', title: 'Faster follow-up', reason: 'Reply within a day' } },
      },
    ]);
  });

  it('shows why the API refused a submission', async () => {
    answer({ SubmitChangeRequest: () => new Error('The draft does not validate: 1 problem') });
    open();
    await userEvent.click(screen.getByRole('tab', { name: /Change requests/ }));
    await userEvent.click(await screen.findByRole('button', { name: 'Submit for approval' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The draft does not validate: 1 problem');
  });
});
