import { randomUUID } from 'node:crypto';
import { demoRequestFollowUp } from '@tripline/playbook';
import { UsersService } from '../src/auth/users.service';
import { PublishedPlaybooksService } from '../src/playbooks/published-playbooks.service';
import { WorkspacesService } from '../src/workspaces/workspaces.service';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { gql, login, loginAsAdmin } from './support/graphql-client';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TestApp } from './support/test-app';

const PLAYBOOK_FIELDS = `id name description status draft publishedVersion createdAt updatedAt
  versions { id playbookId version definition publishedAt publishedBy { email } }`;
const CREATE = `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { ${PLAYBOOK_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdatePlaybookDraftInput!) { updatePlaybookDraft(id: $id, input: $input) { ${PLAYBOOK_FIELDS} } }`;
const PUBLISH = `mutation($id: ID!) { publishPlaybook(id: $id) { id playbookId version definition publishedAt publishedBy { email } } }`;
const VALIDATE = `query($definition: JSON!) { validatePlaybook(definition: $definition) { ok problems { code message nodeId edgeIndex path } } }`;
const GET = `query($id: ID!) { playbook(id: $id) { ${PLAYBOOK_FIELDS} } }`;
const LIST = `query($search: String) { playbooks(search: $search) { id name status } }`;

/** The sample playbook with its designer-side id/version/name, as a draft document. */
const sampleDefinition = () => JSON.parse(JSON.stringify({ ...demoRequestFollowUp, id: 'ignored', version: 7 }));

describe.each(databaseKindsUnderTest())('playbooks on %s', (kind) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await loginAsAdmin(t.url);
  });
  afterAll(async () => t?.close());

  it('creates a playbook with a skeleton draft that only lacks its trigger event', async () => {
    const created = await gql(t.url, CREATE, { input: { name: '  Skeleton  ', description: 'starts empty' } }, admin);
    expect(created.errors).toBeUndefined();
    const playbook = created.data.createPlaybook;
    expect(playbook).toMatchObject({ name: 'Skeleton', description: 'starts empty', status: 'draft', publishedVersion: null, versions: [] });
    expect(playbook.draft).toMatchObject({ schemaVersion: 1, id: playbook.id, name: 'Skeleton', start: 'end', nodes: { end: { kind: 'end' } } });

    const validation = await gql(t.url, VALIDATE, { definition: playbook.draft }, admin);
    expect(validation.data.validatePlaybook).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'missing_config', path: ['trigger', 'event'] })],
    });
  });

  it('runs create → update → validate → publish → versions, stamping id, version and name into the snapshot', async () => {
    const created = (await gql(t.url, CREATE, { input: { name: 'Demo follow-up', definition: sampleDefinition() } }, admin)).data.createPlaybook;
    expect(created.draft.id).toBe(created.id);

    const renamed = await gql(t.url, UPDATE, { id: created.id, input: { name: 'Demo request follow-up', definition: sampleDefinition() } }, admin);
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data.updatePlaybookDraft).toMatchObject({ name: 'Demo request follow-up', draft: { id: created.id, name: 'Demo request follow-up' } });
    expect(new Date(renamed.data.updatePlaybookDraft.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(created.updatedAt).getTime());

    const validation = await gql(t.url, VALIDATE, { definition: renamed.data.updatePlaybookDraft.draft }, admin);
    expect(validation.data.validatePlaybook).toEqual({ ok: true, problems: [] });

    const first = await gql(t.url, PUBLISH, { id: created.id }, admin);
    expect(first.errors).toBeUndefined();
    expect(first.data.publishPlaybook).toMatchObject({ playbookId: created.id, version: 1, publishedBy: { email: 'admin@example.test' } });
    expect(first.data.publishPlaybook.definition).toMatchObject({ id: created.id, version: 1, name: 'Demo request follow-up', start: 'has-email' });

    // Edit the draft after publishing: the published snapshot must not change.
    const edited = sampleDefinition();
    edited.nodes['send-confirmation'].input.subject = 'Changed subject';
    await gql(t.url, UPDATE, { id: created.id, input: { definition: edited } }, admin);
    const second = await gql(t.url, PUBLISH, { id: created.id }, admin);
    expect(second.data.publishPlaybook.version).toBe(2);

    const fetched = (await gql(t.url, GET, { id: created.id }, admin)).data.playbook;
    expect(fetched).toMatchObject({ status: 'published', publishedVersion: 2 });
    expect(fetched.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(fetched.versions[1].definition.nodes['send-confirmation'].input.subject).toBe(sampleDefinition().nodes['send-confirmation'].input.subject);
    expect(fetched.versions[0].definition.nodes['send-confirmation'].input.subject).toBe('Changed subject');

    // Ingest's view: only the current version, in memory until the next publish.
    const workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    const published = await t.app.get(PublishedPlaybooksService).findPublished(workspaceId);
    const mine = published.filter((p) => p.playbookId === created.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ version: 2, definition: { id: created.id, version: 2, name: 'Demo request follow-up' } });
    expect(Object.isFrozen(mine[0]!.definition.nodes)).toBe(true);
    expect(await t.app.get(PublishedPlaybooksService).findPublished(workspaceId)).toBe(published);

    await gql(t.url, PUBLISH, { id: created.id }, admin);
    const afterPublish = await t.app.get(PublishedPlaybooksService).findPublished(workspaceId);
    expect(afterPublish.find((p) => p.playbookId === created.id)?.version).toBe(3);
  });

  it('refuses to publish an invalid draft and lists every problem with its node', async () => {
    const broken = sampleDefinition();
    broken.edges.push({ from: 'send-confirmation', to: 'nowhere' });
    broken.nodes.orphan = { kind: 'end' };
    const created = (await gql(t.url, CREATE, { input: { name: 'Broken', definition: broken } }, admin)).data.createPlaybook;

    const result = await gql(t.url, PUBLISH, { id: created.id }, admin);
    expect(result.data).toBeNull();
    const error = result.errors![0]!;
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/^Playbook has \d+ problems?$/);
    const problems = error.extensions!.problems as { code: string; nodeId?: string; edgeIndex?: number }[];
    expect(error.message).toBe(`Playbook has ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'dangling_edge', edgeIndex: 3 }),
        expect.objectContaining({ code: 'unreachable_node', nodeId: 'orphan' }),
      ]),
    );
    const fetched = (await gql(t.url, GET, { id: created.id }, admin)).data.playbook;
    expect(fetched).toMatchObject({ status: 'draft', publishedVersion: null, versions: [] });
  });

  it("refuses to publish a trigger naming a scoring model or tier the workspace has not published, and says which exist", async () => {
    const models = (await gql(t.url, `{ scoringModels { id name publishedVersion } }`, {}, admin)).data.scoringModels as { id: string; name: string; publishedVersion: number | null }[];
    const lead = models.find((m) => m.name === 'Lead score (seed table)')!;
    const bogus = { ...sampleDefinition(), trigger: { kind: 'scoreThreshold', model: 'pql', threshold: 71, direction: 'up' } };
    const first = (await gql(t.url, CREATE, { input: { name: 'Unknown model', definition: bogus } }, admin)).data.createPlaybook;
    const refused = await gql(t.url, PUBLISH, { id: first.id }, admin);
    expect(refused.errors![0]).toMatchObject({ message: 'Playbook has 1 problem', extensions: { code: 'BAD_USER_INPUT' } });
    const [problem] = refused.errors![0]!.extensions!.problems as { code: string; path: string[]; message: string }[];
    expect(problem).toMatchObject({ code: 'unknown_model', path: ['trigger', 'model'] });
    expect(problem!.message).toContain(`"Lead score (seed table)" (${lead.id})`);

    const wrongTier = { ...sampleDefinition(), trigger: { kind: 'tierChange', model: lead.id, to: 'Hot' } };
    const second = (await gql(t.url, CREATE, { input: { name: 'Unknown tier', definition: wrongTier } }, admin)).data.createPlaybook;
    const tierProblem = (await gql(t.url, PUBLISH, { id: second.id }, admin)).errors![0]!.extensions!.problems as { code: string; message: string }[];
    expect(tierProblem).toEqual([expect.objectContaining({ code: 'unknown_tier', message: 'trigger.to: "Lead score (seed table)" has no tier "Hot" (its tiers: Low, Medium, High)' })]);
    expect((await gql(t.url, GET, { id: second.id }, admin)).data.playbook).toMatchObject({ status: 'draft', publishedVersion: null });

    // Named right, it publishes.
    await gql(t.url, UPDATE, { id: second.id, input: { definition: { ...wrongTier, trigger: { kind: 'tierChange', model: lead.id, to: 'High' } } } }, admin);
    expect((await gql(t.url, PUBLISH, { id: second.id }, admin)).data.publishPlaybook.version).toBe(1);
  });

  it('names the field when input is bad', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ name: '' }, /^name: must not be empty/],
      [{ name: 'x'.repeat(201) }, /^name: must be at most 200 characters/],
      [{ name: 'ok', definition: [1, 2] }, /^definition: must be a JSON object/],
      [{ name: 'ok', definition: { blob: 'x'.repeat(1024 * 1024) } }, /^definition: is \d+ bytes; a playbook may be at most 1 MB/],
    ];
    for (const [input, message] of cases) {
      const result = await gql(t.url, CREATE, { input }, admin);
      expect(result.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT' } });
    }
    let nested: unknown = {};
    for (let i = 0; i < 100; i += 1) nested = { a: nested };
    const deep = await gql(t.url, CREATE, { input: { name: 'deep', definition: nested } }, admin);
    expect(deep.errors?.[0]?.message).toMatch(/^definition: nested too deeply/);
  });

  it('lists and searches by name, ignoring case and treating % and _ literally', async () => {
    for (const name of ['Alpha trial nurture', 'beta TRIAL expansion', '100% upsell', 'plain']) {
      await gql(t.url, CREATE, { input: { name } }, admin);
    }
    const names = async (search?: string) => ((await gql(t.url, LIST, { search }, admin)).data.playbooks as { name: string }[]).map((p) => p.name);
    expect((await names('trial')).sort()).toEqual(['Alpha trial nurture', 'beta TRIAL expansion']);
    expect(await names('100%')).toEqual(['100% upsell']);
    expect(await names('%')).toEqual(['100% upsell']);
    expect(await names('_')).toEqual([]);
    expect((await names()).length).toBeGreaterThanOrEqual(4);
  });

  it("keeps workspaces apart: another workspace's playbook is NOT_FOUND", async () => {
    const mine = (await gql(t.url, CREATE, { input: { name: 'Mine' } }, admin)).data.createPlaybook;

    const other = await t.app.get(WorkspacesService).create('Other workspace', `wk_${randomUUID()}`);
    const users = t.app.get(UsersService);
    const email = `other-${randomUUID().slice(0, 8)}@example.test`;
    const outsider = await users.create({ email, password: 'other-password-123' });
    await users.setRole(outsider.id, other.id, 'editor');
    const outsiderToken = await login(t.url, email, 'other-password-123');

    for (const [query, variables] of [
      [GET, { id: mine.id }],
      [UPDATE, { id: mine.id, input: { name: 'Stolen' } }],
      [PUBLISH, { id: mine.id }],
    ] as const) {
      const result = await gql(t.url, query, variables, outsiderToken);
      expect(result.errors?.[0]).toMatchObject({ message: 'Playbook not found', extensions: { code: 'NOT_FOUND' } });
    }
    expect((await gql(t.url, LIST, {}, outsiderToken)).data.playbooks).toEqual([]);
    expect((await gql(t.url, GET, { id: mine.id }, admin)).data.playbook.name).toBe('Mine');
  });
});
