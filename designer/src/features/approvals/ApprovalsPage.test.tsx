import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql } from '../../api/client';
import { useCatalogueStore } from '../../store/catalogue-store';
import { useChangesStore } from '../../store/changes-store';
import { changeRequest, fakeGraphql, gate, history, type RecordedCall } from '../changes/test-fixtures';
import { ApprovalsPage } from './ApprovalsPage';
import { ChangeRequestPage } from './ChangeRequestPage';

jest.mock('../../api/client', () => ({ graphql: jest.fn() }));
const graphqlMock = graphql as unknown as jest.Mock;

let calls: RecordedCall[];
function answer(answers: Parameters<typeof fakeGraphql>[0]) {
  const fake = fakeGraphql({
    ChangeRequests: () => ({ changeRequests: [changeRequest({ canDecide: true })] }),
    ApprovalRequests: () => ({ approvalRequests: [gate()] }),
    PlaybookHistory: () => ({ playbook: history() }),
    ...answers,
  });
  calls = fake.calls;
  graphqlMock.mockImplementation(fake.implementation);
}

beforeEach(() => {
  useChangesStore.getState().reset();
  useChangesStore.setState({ histories: { 'pb-1': history() } });
  useCatalogueStore.setState({ status: 'ready', catalogue: { actions: {}, models: {} } });
  answer({});
});

describe('the approvals inbox', () => {
  it('lists pending change requests and runs waiting at gates', async () => {
    render(<ApprovalsPage />);
    const changes = screen.getByRole('region', { name: 'Change requests' });
    const link = await within(changes).findByRole('link', { name: 'Publish Demo request follow-up v3' });
    expect(link.getAttribute('href')).toBe('/approvals/change-requests/cr-1');
    expect(changes.textContent).toContain('your decision');
    expect(changes.textContent).toContain('RevOps lead: 1 of 2');
    expect(calls.filter((c) => c.operation !== 'PlaybookHistory')).toEqual([
      { operation: 'ChangeRequests', variables: { status: 'pending', targetId: null } },
      { operation: 'ApprovalRequests', variables: { status: 'PENDING' } },
    ]);
  });

  it('opens a gate and decides it with a comment', async () => {
    answer({ DecideApproval: () => ({ decideApproval: gate({ status: 'APPROVED', canDecide: false, decision: 'APPROVE', comment: 'ok' }) }) });
    render(<ApprovalsPage />);
    await userEvent.click(await screen.findByRole('button', { name: /Approve discount — ann@example.com/ }));
    const detail = screen.getByRole('article', { name: 'Approval gate: Approve discount' });
    expect(within(detail).getByRole('link', { name: 'run run-1' }).getAttribute('href')).toBe('/runs/run-1');
    await userEvent.type(within(detail).getByRole('textbox', { name: 'Comment' }), 'ok');
    await userEvent.click(within(detail).getByRole('button', { name: 'Approve' }));
    expect(await within(detail).findByText(/Approved by/)).toBeTruthy();
    expect(within(detail).queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(calls.find((c) => c.operation === 'DecideApproval')?.variables).toEqual({ input: { id: 'gate-1', decision: 'APPROVE', comment: 'ok' } });
  });

  it('says so when nothing waits, and when the inbox cannot load', async () => {
    answer({ ChangeRequests: () => ({ changeRequests: [] }), ApprovalRequests: () => ({ approvalRequests: [] }) });
    const { unmount } = render(<ApprovalsPage />);
    expect(await screen.findByText('No change request is waiting.')).toBeTruthy();
    expect(screen.getByText('No run is waiting at an approval gate.')).toBeTruthy();
    unmount();
    answer({ ApprovalRequests: () => new Error('Forbidden') });
    render(<ApprovalsPage />);
    expect((await screen.findByRole('alert')).textContent).toBe('Could not load the approvals inbox: Forbidden');
  });
});

describe('a change request page', () => {
  it('opens the request by id, with its diff and impact and the decision', async () => {
    answer({ ChangeRequest: () => ({ changeRequest: changeRequest({ canDecide: true }) }) });
    render(<ChangeRequestPage id="cr-1" token={null} />);
    expect(await screen.findByRole('heading', { name: 'Publish Demo request follow-up v3' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Impact' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Summary of changes' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeTruthy();
    expect(calls.map((c) => c.operation)).toEqual(['ChangeRequest']);
  });

  it('opens a signed link from an approval email through openChangeRequestLink', async () => {
    answer({ OpenChangeRequestLink: () => ({ openChangeRequestLink: changeRequest() }) });
    render(<ChangeRequestPage id="cr-1" token="signed.token" />);
    expect(await screen.findByRole('heading', { name: 'Publish Demo request follow-up v3' })).toBeTruthy();
    expect(calls).toEqual([{ operation: 'OpenChangeRequestLink', variables: { token: 'signed.token' } }]);
  });

  it('explains an expired link, or one sent to someone else', async () => {
    const expired = 'This approval link expired at 2025-03-02T00:00:00.000Z: open the request from the approvals inbox instead';
    answer({ OpenChangeRequestLink: () => new Error(expired) });
    render(<ChangeRequestPage id="cr-1" token="old.token" />);
    expect(await screen.findByRole('heading', { name: 'This approval link cannot be opened' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe(expired);
    expect(screen.getByRole('link', { name: 'Open the approvals inbox' }).getAttribute('href')).toBe('/approvals');
  });
});
