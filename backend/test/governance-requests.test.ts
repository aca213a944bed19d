import { randomUUID } from 'node:crypto';
import { CHANGE_APPROVAL_WORKFLOW, CHANGE_CLOSED_SIGNAL, CHANGE_LEVEL_ADVANCED_SIGNAL, changeApprovalWorkflowId } from '@tripline/playbook';
import { DataSource } from 'typeorm';
import { ChangeRequestDecisionEntity } from '../src/governance/change-requests/change-request-decision.entity';
import { OutboxMessageEntity } from '../src/outbox/outbox-message.entity';
import {
  createPlaybook,
  decide,
  errorOf,
  ok,
  oneLevelPolicy,
  OPS,
  playbookDocument,
  publishThroughRequest,
  readRequest,
  startGovernanceApp,
  storePolicy,
  submit,
  updateDraft,
  type GovernanceApp,
} from './governance-support/governance-app';
import { gql } from './support/graphql-client';
import { databaseKindsUnderTest } from './support/test-databases';

jest.setTimeout(120_000);

/**
 * Change requests through GraphQL as real users, on a real API and database: the built-in approver
 * policy, self-approval, roles, N-of-M, tiers, reject, recall/resubmit, policy tampering, superseded,
 * and the outbox rows that drive the changeApproval workflow (Temporal is not running: rows wait).
 */
describe.each(databaseKindsUnderTest())('change requests on %s', (kind) => {
  let g: GovernanceApp;

  beforeAll(async () => {
    g = await startGovernanceApp(kind);
  });

  afterAll(async () => {
    await g?.t.close();
  });

  const newPlaybook = (subject = 'Your demo request') => createPlaybook(g, g.ed, `Follow-up ${randomUUID().slice(0, 8)}`, playbookDocument(`Demo ${randomUUID()}`, subject));
  const playbookOf = async (id: string) => ok(await gql(g.t.url, OPS.playbook, { id }, g.admin.token), 'playbook').playbook;
  const outboxRows = async (workflowId: string) =>
    (await g.t.app.get(DataSource).getRepository(OutboxMessageEntity).find({ order: { id: 'ASC' } })).filter(
      (row) => (row.payload as { workflowId?: string }).workflowId === workflowId,
    );
  const auditActions = async (targetId: string) =>
    ok(await gql(g.t.url, OPS.auditLog, { targetId }, g.admin.token), 'auditLog')
      .auditLog.entries.map((entry: { action: string }) => entry.action)
      .reverse();

  describe('under the built-in policy (one approver)', () => {
    it('reports the default policy and refuses publishing directly', async () => {
      const policy = ok(await gql(g.t.url, OPS.policy, {}, g.vic.token), 'approvalPolicy').approvalPolicy;
      expect(policy).toMatchObject({ isDefault: true, builtIn: 'approver', version: 0, updatedBy: null });
      expect(policy.policy.levels).toEqual([expect.objectContaining({ name: 'Approval', required: 1, approvers: { roles: ['approver'] }, timeout: '72h' })]);

      const id = await newPlaybook();
      for (const who of [g.ed, g.admin]) {
        expect(errorOf(await gql(g.t.url, OPS.publishPlaybook, { id }, who.token))).toEqual({
          code: 'FORBIDDEN',
          message: 'Publishing in this workspace needs approval: submit a change request (submitChangeRequest)',
        });
      }
      expect(errorOf(await gql(g.t.url, OPS.publishScoringModel, { id: g.leadModelId }, g.admin.token)).code).toBe('FORBIDDEN');
      expect((await playbookOf(id)).publishedVersion).toBeNull();
    });

    it('publishes exactly the submitted snapshot when another member approves, and drives the workflow through the outbox', async () => {
      const id = await newPlaybook('Subject at submit');
      const submitted = ok(await submit(g, g.ed, { kind: 'publishPlaybook', targetId: id, reason: 'New follow-up' }), 'submit').submitChangeRequest;
      expect(submitted).toMatchObject({
        kind: 'publishPlaybook',
        targetKind: 'playbook',
        targetId: id,
        status: 'pending',
        attempt: 1,
        currentLevel: 0,
        baseVersion: null,
        reason: 'New follow-up',
        requester: { id: g.ed.id },
        canDecide: false,
        canRecall: true,
        canResubmit: false,
        levels: [expect.objectContaining({ name: 'Approval', required: 1, approvals: 0, state: 'open', escalated: false })],
      });
      expect(submitted.title).toMatch(/^Publish playbook "Follow-up /);
      expect(submitted.diff.empty).toBe(false);
      expect(submitted.diff.summary.length).toBeGreaterThan(0);
      expect(submitted.impact).toEqual(expect.objectContaining({ firesPerWeek: expect.any(Object), notes: expect.any(Array) }));
      expect(submitted.proposed.nodes['send-confirmation'].input.subject).toBe('Subject at submit');
      // Eligible: the three approvers and the admin; never the requester.
      expect(submitted.levels[0].eligibleApprovers.map((u: { id: string }) => u.id).sort()).toEqual([g.ann.id, g.bob.id, g.cat.id, g.admin.id].sort());
      expect((await readRequest(g, g.ann, submitted.id)).canDecide).toBe(true);

      // The draft changes after submit: what goes live is still the submitted snapshot.
      await updateDraft(g, g.ed, id, playbookDocument('whatever', 'Edited after submit'));

      const workflowId = changeApprovalWorkflowId(g.workspaceId, submitted.id, 1);
      expect(submitted.workflowId).toBe(workflowId);
      const [start] = await outboxRows(workflowId);
      expect(start).toMatchObject({
        kind: 'startWorkflow',
        status: 'pending',
        payload: {
          workspaceId: g.workspaceId,
          workflowType: CHANGE_APPROVAL_WORKFLOW,
          workflowId,
          args: [{ workspaceId: g.workspaceId, requestId: submitted.id, attempt: 1, levels: [{ name: 'Approval', timeoutMs: 72 * 3_600_000, reminderEveryMs: 24 * 3_600_000, escalates: false }] }],
        },
      });

      const approved = ok(await decide(g, g.ann, submitted.id, 'APPROVE', { comment: 'Looks right' }), 'decide').decideChangeRequest;
      expect(approved).toMatchObject({ status: 'published', publishedVersion: 1, canDecide: false, canRecall: false });
      expect(approved.decisions).toEqual([expect.objectContaining({ attempt: 1, level: 0, levelName: 'Approval', decision: 'APPROVE', decidedBy: { id: g.ann.id }, comment: 'Looks right' })]);
      expect(approved.levels[0]).toMatchObject({ approvals: 1, state: 'approved' });

      const playbook = await playbookOf(id);
      expect(playbook.publishedVersion).toBe(1);
      expect(playbook.versions).toHaveLength(1);
      expect(playbook.versions[0].definition.nodes['send-confirmation'].input.subject).toBe('Subject at submit');
      expect(playbook.versions[0].definition).toMatchObject({ id, version: 1 });
      expect(playbook.versions[0].publishedBy).toEqual({ id: g.ed.id });

      const rows = await outboxRows(workflowId);
      expect(rows.map((row) => row.kind)).toEqual(['startWorkflow', 'signalWorkflow']);
      expect(rows[1]!.payload).toEqual({ workspaceId: g.workspaceId, workflowId, signal: CHANGE_CLOSED_SIGNAL, input: { attempt: 1, status: 'published' } });

      expect(await auditActions(submitted.id)).toEqual(['changeRequest.submitted', 'changeRequest.decided', 'changeRequest.published']);
      expect(await auditActions(id)).toContain('playbook.published');
    });

    it('never lets the requester approve — not even an admin — and only eligible roles decide', async () => {
      const mine = ok(await submit(g, g.ed, { kind: 'publishPlaybook', targetId: await newPlaybook() }), 'submit').submitChangeRequest;
      expect(errorOf(await decide(g, g.ed, mine.id, 'APPROVE'))).toEqual({ code: 'FORBIDDEN', message: 'You requested this change; someone else must approve it' });
      // A viewer is stopped by the role guard; an operator and another editor by the level's approvers.
      expect(errorOf(await decide(g, g.vic, mine.id, 'APPROVE')).code).toBe('FORBIDDEN');
      for (const who of [g.otto, g.eve]) {
        const refusal = errorOf(await decide(g, who, mine.id, 'APPROVE'));
        expect(refusal.code).toBe('FORBIDDEN');
        expect(refusal.message).toMatch(/^You are not an approver of level "Approval": it needs role approver or admin/);
      }
      expect((await readRequest(g, g.vic, mine.id)).canDecide).toBe(false);

      const admins = ok(await submit(g, g.admin, { kind: 'publishPlaybook', targetId: await newPlaybook() }), 'submit').submitChangeRequest;
      expect(admins.requester).toEqual({ id: g.admin.id });
      expect(errorOf(await decide(g, g.admin, admins.id, 'APPROVE')).message).toBe('You requested this change; someone else must approve it');
      expect(admins.levels[0].eligibleApprovers.map((u: { id: string }) => u.id)).not.toContain(g.admin.id);

      // Nothing was recorded by the refused attempts; clean up for the policy tests below.
      expect(await g.t.app.get(DataSource).getRepository(ChangeRequestDecisionEntity).countBy({ requestId: mine.id })).toBe(0);
      for (const [who, id] of [[g.ed, mine.id], [g.admin, admins.id]] as const) ok(await gql(g.t.url, OPS.recall, { id }, who.token), 'recall');
    });

    it('refuses a second pending request for a target, an empty change, and a draft that does not validate', async () => {
      const id = await newPlaybook();
      const first = ok(await submit(g, g.ed, { kind: 'publishPlaybook', targetId: id }), 'submit').submitChangeRequest;
      const second = errorOf(await submit(g, g.eve, { kind: 'publishPlaybook', targetId: id }));
      expect(second.code).toBe('BAD_USER_INPUT');
      expect(second.message).toContain(`already has a pending change request ("${first.title}", ${first.id})`);
      ok(await decide(g, g.bob, first.id, 'APPROVE'), 'decide');

      const empty = errorOf(await submit(g, g.ed, { kind: 'publishPlaybook', targetId: id }));
      expect(empty).toEqual({ code: 'BAD_USER_INPUT', message: 'Nothing would change: the proposal is the same as the published version 1' });

      const broken = await createPlaybook(g, g.ed, 'Broken', { ...playbookDocument('x'), start: 'nowhere' });
      const invalid = errorOf(await submit(g, g.ed, { kind: 'publishPlaybook', targetId: broken }));
      expect(invalid.code).toBe('BAD_USER_INPUT');
      expect(invalid.message).toMatch(/^Playbook has \d+ problems?/);

      expect(errorOf(await submit(g, g.vic, { kind: 'publishPlaybook', targetId: id })).code).toBe('FORBIDDEN');
      expect(errorOf(await submit(g, g.ed, { kind: 'publishScoringModel', targetId: id })).code).toBe('NOT_FOUND');
    });

    it('closes the request at the first reject', async () => {
      const request = ok(await submit(g, g.ed, { kind: 'publishPlaybook', targetId: await newPlaybook() }), 'submit').submitChangeRequest;
      const rejected = ok(await decide(g, g.cat, request.id, 'REJECT', { comment: 'Too pushy' }), 'decide').decideChangeRequest;
      expect(rejected).toMatchObject({ status: 'rejected', closedReason: 'Rejected at level "Approval": Too pushy', canResubmit: false, publishedVersion: null });
      expect(rejected.levels[0].state).toBe('rejected');
      expect((await readRequest(g, g.ed, request.id)).canResubmit).toBe(true);
      expect(errorOf(await decide(g, g.ann, request.id, 'APPROVE'))).toEqual({ code: 'BAD_USER_INPUT', message: 'This change request is rejected: there is nothing to decide' });
      expect((await playbookOf(request.targetId)).publishedVersion).toBeNull();
      const rows = await outboxRows(request.workflowId);
      expect(rows.at(-1)!.payload).toMatchObject({ signal: CHANGE_CLOSED_SIGNAL, input: { attempt: 1, status: 'rejected' } });
      expect(await auditActions(request.id)).toEqual(['changeRequest.submitted', 'changeRequest.decided', 'changeRequest.rejected']);
    });
  });

  describe('under a stored policy', () => {
    afterEach(async () => {
      // Back to one approver, so each test starts from the same place.
      await storePolicy(g, oneLevelPolicy(1));
    });

    it('needs N distinct approvers of M (2 of 3) and refuses a second decision by the same one', async () => {
      await storePolicy(g, oneLevelPolicy(2));
      const request = ok(await submit(g, g.ed, { kind: 'publishPlaybook', targetId: await newPlaybook() }), 'submit').submitChangeRequest;
      expect(request.levels[0]).toMatchObject({ required: 2, approvals: 0 });

      const once = ok(await decide(g, g.ann, request.id, 'APPROVE'), 'decide').decideChangeRequest;
      expect(once).toMatchObject({ status: 'pending', levels: [expect.objectContaining({ approvals: 1, state: 'open' })] });
      expect(once.canDecide).toBe(false);
      expect(errorOf(await decide(g, g.ann, request.id, 'APPROVE'))).toEqual({ code: 'BAD_USER_INPUT', message: 'You have already decided level "Approval" of this change request' });
      expect((await playbookOf(request.targetId)).publishedVersion).toBeNull();

      const twice = ok(await decide(g, g.bob, request.id, 'APPROVE'), 'decide').decideChangeRequest;
      expect(twice).toMatchObject({ status: 'published', publishedVersion: 1, levels: [expect.objectContaining({ approvals: 2, state: 'approved' })] });
    });

    it('recall and resubmit restart every level: earlier approvals no longer count, and the proposal is taken anew', async () => {
      await storePolicy(g, oneLevelPolicy(2));
      const id = await newPlaybook('First draft');
      const request = ok(await submit(g, g.ed, { kind: 'publishPlaybook', targetId: id }), 'submit').submitChangeRequest;
      ok(await decide(g, g.ann, request.id, 'APPROVE'), 'decide');

      expect(errorOf(await gql(g.t.url, OPS.recall, { id: request.id }, g.bob.token)).code).toBe('FORBIDDEN');
      const recalled = ok(await gql(g.t.url, OPS.recall, { id: request.id }, g.ed.token), 'recall').recallChangeRequest;
      expect(recalled).toMatchObject({ status: 'recalled', canResubmit: true, closedReason: 'Recalled by the requester' });
      expect(errorOf(await decide(g, g.bob, request.id, 'APPROVE')).message).toBe('This change request is recalled: there is nothing to decide');

      await updateDraft(g, g.ed, id, playbookDocument('again', 'Second draft'));
      expect(errorOf(await gql(g.t.url, OPS.resubmit, { id: request.id }, g.eve.token)).code).toBe('FORBIDDEN');
      const again = ok(await gql(g.t.url, OPS.resubmit, { id: request.id }, g.ed.token), 'resubmit').resubmitChangeRequest;
      expect(again).toMatchObject({ status: 'pending', attempt: 2, currentLevel: 0, closedReason: null, levels: [expect.objectContaining({ approvals: 0, required: 2 })] });
      expect(again.proposed.nodes['send-confirmation'].input.subject).toBe('Second draft');
      expect(again.workflowId).toBe(changeApprovalWorkflowId(g.workspaceId, request.id, 2));
      expect((await outboxRows(again.workflowId)).map((row) => row.kind)).toEqual(['startWorkflow']);
      // Attempt 1's workflow heard it was recalled.
      expect((await outboxRows(request.workflowId)).at(-1)!.payload).toMatchObject({ signal: CHANGE_CLOSED_SIGNAL, input: { attempt: 1, status: 'recalled' } });

      // An approval for what ann reviewed in attempt 1 is refused; bob's one approval is not enough alone.
      expect(errorOf(await decide(g, g.ann, request.id, 'APPROVE', { attempt: 1 })).message).toMatch(/^This change request was resubmitted since you reviewed it \(you decided on attempt 1; it is now attempt 2\)/);
      const one = ok(await decide(g, g.bob, request.id, 'APPROVE', { attempt: 2 }), 'decide').decideChangeRequest;
      expect(one).toMatchObject({ status: 'pending', levels: [expect.objectContaining({ approvals: 1 })] });
      expect(one.decisions.map((d: { attempt: number; decidedBy: { id: string } }) => [d.attempt, d.decidedBy.id])).toEqual([
        [1, g.ann.id],
        [2, g.bob.id],
      ]);
      const published = ok(await decide(g, g.ann, request.id, 'APPROVE'), 'decide').decideChangeRequest;
      expect(published).toMatchObject({ status: 'published', publishedVersion: 1 });
      expect((await playbookOf(id)).versions[0].definition.nodes['send-confirmation'].input.subject).toBe('Second draft');
      expect(await auditActions(request.id)).toEqual([
        'changeRequest.submitted',
        'changeRequest.decided',
        'changeRequest.recalled',
        'changeRequest.resubmitted',
        'changeRequest.decided',
        'changeRequest.decided',
        'changeRequest.published',
      ]);
      expect(errorOf(await gql(g.t.url, OPS.resubmit, { id: request.id }, g.ed.token)).message).toBe(
        'This change request is published: only a recalled, rejected or expired request can be resubmitted',
      );
    });

    it('walks tiered levels in order: the next level opens, only its approvers decide it', async () => {
      await storePolicy(g, {
        levels: [
          { name: 'Approver', approvers: { roles: ['approver'] }, required: 1, when: { always: true }, timeout: '72h' },
          { name: 'Finance / legal', approvers: { users: [g.cat.id] }, required: 1, when: { always: true }, timeout: '48h', reminderEvery: '12h' },
        ],
      });
      const request = ok(await submit(g, g.ed, { kind: 'publishPlaybook', targetId: await newPlaybook() }), 'submit').submitChangeRequest;
      expect(request.levels.map((l: { name: string; state: string }) => [l.name, l.state])).toEqual([
        ['Approver', 'open'],
        ['Finance / legal', 'waiting'],
      ]);
      expect(request.levels[1].eligibleApprovers.map((u: { id: string }) => u.id).sort()).toEqual([g.cat.id, g.admin.id].sort());

      const advanced = ok(await decide(g, g.ann, request.id, 'APPROVE'), 'decide').decideChangeRequest;
      expect(advanced).toMatchObject({ status: 'pending', currentLevel: 1 });
      expect(advanced.levels.map((l: { state: string }) => l.state)).toEqual(['approved', 'open']);
      const rows = await outboxRows(request.workflowId);
      expect(rows.map((row) => [row.kind, (row.payload as { signal?: string }).signal])).toEqual([
        ['startWorkflow', undefined],
        ['signalWorkflow', CHANGE_LEVEL_ADVANCED_SIGNAL],
      ]);
      expect(rows[1]!.payload).toMatchObject({ input: { attempt: 1, level: 1 } });

      expect(errorOf(await decide(g, g.bob, request.id, 'APPROVE')).message).toBe('You are not an approver of level "Finance / legal": it needs role admin, or the listed user');
      const done = ok(await decide(g, g.cat, request.id, 'APPROVE'), 'decide').decideChangeRequest;
      expect(done).toMatchObject({ status: 'published', publishedVersion: 1 });
      expect(await auditActions(request.id)).toEqual([
        'changeRequest.submitted',
        'changeRequest.decided',
        'changeRequest.levelApproved',
        'changeRequest.decided',
        'changeRequest.published',
      ]);
    });

    it('refuses an admin editing the policy while their own request is pending, and allows it once it closed', async () => {
      const request = ok(await submit(g, g.admin, { kind: 'publishPlaybook', targetId: await newPlaybook() }), 'submit').submitChangeRequest;
      const tampering = errorOf(await gql(g.t.url, OPS.updatePolicy, { policy: oneLevelPolicy(1, {}) }, g.admin.token));
      expect(tampering.code).toBe('FORBIDDEN');
      expect(tampering.message).toMatch(/^You have a pending change request: you cannot edit the approval policy/);
      expect(ok(await gql(g.t.url, OPS.policy, {}, g.admin.token), 'policy').approvalPolicy.version).toBeGreaterThan(0);

      ok(await decide(g, g.ann, request.id, 'APPROVE'), 'decide');
      const updated = ok(await gql(g.t.url, OPS.updatePolicy, { policy: oneLevelPolicy(1) }, g.admin.token), 'updatePolicy').updateApprovalPolicy;
      expect(updated).toMatchObject({ isDefault: false, updatedBy: { id: g.admin.id } });
      const audited = ok(await gql(g.t.url, OPS.auditLog, { action: 'approvalPolicy.updated' }, g.admin.token), 'auditLog').auditLog.entries[0];
      expect(audited).toMatchObject({ targetKind: 'approvalPolicy', targetId: g.workspaceId, actor: { id: g.admin.id } });
      expect(audited.details).toMatchObject({ version: updated.version, to: { levels: [expect.objectContaining({ name: 'Approval' })] } });
    });

    it('checks a policy: problems are listed, listed users must be members, only admins store it', async () => {
      const bad = errorOf(await gql(g.t.url, OPS.updatePolicy, { policy: { levels: [{ name: 'A', approvers: { roles: ['approver'] }, required: 0, when: { always: true }, timeout: '1h' }] } }, g.admin.token));
      expect(bad.code).toBe('BAD_USER_INPUT');
      expect(bad.message).toMatch(/^policy: 1 problem: levels\.0\.required/);
      const stranger = errorOf(
        await gql(g.t.url, OPS.updatePolicy, { policy: { levels: [{ name: 'A', approvers: { users: ['no-such-user'] }, required: 1, when: { always: true }, timeout: '1h' }] } }, g.admin.token),
      );
      expect(stranger).toEqual({ code: 'BAD_USER_INPUT', message: 'policy: levels.0.approvers.users.0: user no-such-user is not a member of this workspace' });
      expect(errorOf(await gql(g.t.url, OPS.updatePolicy, { policy: oneLevelPolicy(1) }, g.ann.token)).code).toBe('FORBIDDEN');
    });

    it('publishes at once when no level applies, and marks an approved request superseded when someone published meanwhile', async () => {
      const id = await newPlaybook('Base');
      await storePolicy(g, { levels: [] });
      // No level: the request is published in the submit transaction; direct publish works too.
      const instant = ok(await submit(g, g.ed, { kind: 'publishPlaybook', targetId: id }), 'submit').submitChangeRequest;
      expect(instant).toMatchObject({ status: 'published', publishedVersion: 1, levels: [] });
      expect(await outboxRows(instant.workflowId)).toEqual([]);

      await storePolicy(g, oneLevelPolicy(1));
      await updateDraft(g, g.ed, id, playbookDocument('x', 'Proposal of ed'));
      const request = ok(await submit(g, g.ed, { kind: 'publishPlaybook', targetId: id }), 'submit').submitChangeRequest;
      expect(request.baseVersion).toBe(1);

      // Meanwhile the policy is switched off for a moment and the admin publishes directly.
      await storePolicy(g, { levels: [] });
      await updateDraft(g, g.eve, id, playbookDocument('x', 'Published directly'));
      ok(await gql(g.t.url, OPS.publishPlaybook, { id }, g.admin.token), 'publishPlaybook');
      await storePolicy(g, oneLevelPolicy(1));

      const superseded = ok(await decide(g, g.ann, request.id, 'APPROVE'), 'decide').decideChangeRequest;
      expect(superseded.status).toBe('superseded');
      expect(superseded.publishedVersion).toBeNull();
      expect(superseded.closedReason).toMatch(/^Not published: version 2 of the playbook was published after this request was submitted \(it was based on version 1\)/);
      const playbook = await playbookOf(id);
      expect(playbook.publishedVersion).toBe(2);
      expect(playbook.versions[0].definition.nodes['send-confirmation'].input.subject).toBe('Published directly');
      expect((await outboxRows(request.workflowId)).at(-1)!.payload).toMatchObject({ input: { status: 'superseded' } });
      expect(await auditActions(request.id)).toEqual(['changeRequest.submitted', 'changeRequest.decided', 'changeRequest.superseded']);
    });
  });

  it('lists requests newest first with filters and pages', async () => {
    const id = await newPlaybook();
    const a = ok(await submit(g, g.ed, { kind: 'publishPlaybook', targetId: id, title: 'First' }), 'submit').submitChangeRequest;
    ok(await gql(g.t.url, OPS.recall, { id: a.id }, g.ed.token), 'recall');
    const b = ok(await submit(g, g.ed, { kind: 'publishPlaybook', targetId: id, title: 'Second' }), 'submit').submitChangeRequest;
    const mine = ok(await gql(g.t.url, OPS.requests, { targetId: id }, g.vic.token), 'requests').changeRequests;
    expect(mine.map((r: { id: string }) => r.id)).toEqual([b.id, a.id]);
    const page = ok(await gql(g.t.url, OPS.requests, { targetId: id, first: 1, after: b.id }, g.vic.token), 'requests').changeRequests;
    expect(page.map((r: { title: string }) => r.title)).toEqual(['First']);
    const pending = ok(await gql(g.t.url, OPS.requests, { status: 'pending', targetKind: 'playbook', targetId: id }, g.ann.token), 'requests').changeRequests;
    expect(pending).toEqual([expect.objectContaining({ id: b.id, canDecide: true })]);
    expect(errorOf(await gql(g.t.url, OPS.requests, { first: 0 }, g.vic.token)).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await gql(g.t.url, OPS.request, { id: randomUUID() }, g.vic.token)).code).toBe('NOT_FOUND');
    ok(await gql(g.t.url, OPS.recall, { id: b.id }, g.admin.token), 'recall by an admin');
  });

  it('publishes once when approvers decide at the same moment', async () => {
    const requests = await Promise.all(
      [1, 2, 3].map(async () => ok(await submit(g, g.ed, { kind: 'publishPlaybook', targetId: await newPlaybook() }), 'submit').submitChangeRequest),
    );
    for (const request of requests) {
      const results = await Promise.all([g.ann, g.bob, g.cat].map((who) => decide(g, who, request.id, 'APPROVE')));
      const succeeded = results.filter((result) => !result.errors);
      // The first decision publishes; the others find nothing left to decide.
      expect(succeeded).toHaveLength(1);
      for (const refused of results.filter((result) => result.errors)) {
        expect(errorOf(refused)).toEqual({ code: 'BAD_USER_INPUT', message: 'This change request is published: there is nothing to decide' });
      }
      const playbook = await playbookOf(request.targetId);
      expect(playbook.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    }
  });

  it('keeps decisions append-only in the database', async () => {
    const request = ok(await submit(g, g.ed, { kind: 'publishPlaybook', targetId: await newPlaybook() }), 'submit').submitChangeRequest;
    ok(await decide(g, g.bob, request.id, 'REJECT'), 'decide');
    const dataSource = g.t.app.get(DataSource);
    await expect(dataSource.query(`UPDATE change_request_decisions SET decision = 'approve' WHERE request_id = '${request.id}'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM change_request_decisions WHERE request_id = '${request.id}'`)).rejects.toThrow(/append-only/);
    expect(await dataSource.getRepository(ChangeRequestDecisionEntity).findBy({ requestId: request.id })).toEqual([expect.objectContaining({ decision: 'reject' })]);
  });
});
