import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql } from '../../api/client';
import { useCatalogueStore } from '../../store/catalogue-store';
import { useChangesStore } from '../../store/changes-store';
import { ChangeRequestView } from './ChangeRequestView';
import { changeRequest, fakeGraphql, history, v1, type RecordedCall } from './test-fixtures';

jest.mock('../../api/client', () => ({ graphql: jest.fn() }));
const graphqlMock = graphql as unknown as jest.Mock;

let calls: RecordedCall[];
function answer(answers: Parameters<typeof fakeGraphql>[0]) {
  const fake = fakeGraphql({ PlaybookHistory: () => ({ playbook: history() }), ...answers });
  calls = fake.calls;
  graphqlMock.mockImplementation(fake.implementation);
}

/** Shows the request from the store, as the app does, so a mutation's answer re-renders it. */
function ViewFromStore({ id }: { id: string }) {
  const request = useChangesStore((s) => s.requests[id]);
  return request ? <ChangeRequestView request={request} /> : null;
}

/** The base version's history is already loaded unless a test wants to see it fetched. */
function show(overrides: Parameters<typeof changeRequest>[0] = {}, { historyLoaded = true } = {}) {
  if (historyLoaded) useChangesStore.setState({ histories: { 'pb-1': history() } });
  useChangesStore.getState().put(changeRequest(overrides));
  return render(<ViewFromStore id="cr-1" />);
}

beforeEach(() => {
  useChangesStore.getState().reset();
  useCatalogueStore.setState({ status: 'ready', catalogue: { actions: {}, models: {} } });
  answer({});
});

describe('a change request as the approver sees it', () => {
  it('shows title, status, levels with progress, decisions, the impact and the diff', async () => {
    show({}, { historyLoaded: false });
    expect(screen.getByRole('heading', { name: 'Publish Demo request follow-up v3' })).toBeTruthy();
    const levels = screen.getByRole('region', { name: 'Approval levels' });
    expect(within(levels).getByRole('progressbar', { name: 'RevOps lead approvals' }).getAttribute('value')).toBe('1');
    expect(levels.textContent).toContain('1 of 2');
    expect(levels.textContent).toContain('Bob Approver approved (RevOps lead): “Looks right”');

    const impact = screen.getByRole('region', { name: 'Impact' });
    expect(within(impact).getByRole('img', { name: 'Fires per week: 12 → 30' })).toBeTruthy();
    expect(impact.textContent).toContain('50% → 40%');
    expect(impact.textContent).toContain('12.5%');
    expect(impact.textContent).toContain('exceeds the cap');

    const summary = screen.getByRole('region', { name: 'Summary of changes' });
    expect(summary.textContent).toContain('Added node "new-wait"');
    // The base version is fetched so the removed node is drawn too, coloured as removed.
    const visual = screen.getByRole('region', { name: 'Visual diff' });
    const removed = Object.keys(v1.nodes)[1];
    expect(await within(visual).findByTestId(`step-node-${removed}`)).toBeTruthy();
    expect(within(visual).getByTestId('step-node-new-wait')).toBeTruthy();
    expect(visual.querySelector('style')!.textContent).toContain('var(--diff-added)');
    expect(visual.querySelector('style')!.textContent).toContain('var(--diff-removed)');
    expect(calls.map((c) => c.operation)).toContain('PlaybookHistory');
  });

  it('offers no recall, resubmit or decision when the caller may not', () => {
    show();
    expect(screen.queryByRole('button', { name: 'Recall' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Resubmit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('recalls, then resubmits, showing the answer each time', async () => {
    answer({
      RecallChangeRequest: () => ({ recallChangeRequest: changeRequest({ status: 'recalled', canResubmit: true }) }),
      ResubmitChangeRequest: () => ({ resubmitChangeRequest: changeRequest({ attempt: 2, canRecall: true }) }),
    });
    show({ canRecall: true });
    await userEvent.click(screen.getByRole('button', { name: 'Recall' }));
    expect(await screen.findByRole('button', { name: 'Resubmit' })).toBeTruthy();
    expect(screen.getByText('recalled')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Resubmit' }));
    expect(await screen.findByRole('button', { name: 'Recall' })).toBeTruthy();
    expect(calls.filter((c) => c.operation !== 'PlaybookHistory')).toEqual([
      { operation: 'RecallChangeRequest', variables: { id: 'cr-1' } },
      { operation: 'ResubmitChangeRequest', variables: { id: 'cr-1' } },
    ]);
  });

  it('decides with a comment for the attempt on screen, and shows a refusal', async () => {
    answer({
      DecideChangeRequest: ({ input }) =>
        (input as { decision: string }).decision === 'REJECT'
          ? new Error('You requested this change; someone else must approve it')
          : { decideChangeRequest: changeRequest({ status: 'published', publishedVersion: 3 }) },
    });
    show({ canDecide: true, attempt: 2 });
    await userEvent.click(screen.getByRole('button', { name: 'Reject' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You requested this change; someone else must approve it');
    await userEvent.type(screen.getByRole('textbox', { name: 'Comment' }), 'Ship it');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByText('published')).toBeTruthy();
    expect(calls.filter((c) => c.operation === 'DecideChangeRequest').map((c) => c.variables)).toEqual([
      { input: { id: 'cr-1', attempt: 2, decision: 'REJECT' } },
      { input: { id: 'cr-1', attempt: 2, decision: 'APPROVE', comment: 'Ship it' } },
    ]);
  });
});
