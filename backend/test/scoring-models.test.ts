import { pqlComponentModel, seedEventModel } from '@tripline/scoring';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { DefaultScoringModelsSeeder, defaultModelId } from '../src/scoring/default-scoring-models.seeder';
import { gql, loginAsAdmin } from './support/graphql-client';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TestApp } from './support/test-app';
import { CREATE_MODEL, LIST_MODELS, MODEL_FIELDS, newUser, newWorkspace, PUBLISH_MODEL } from './scoring-support/scoring-api';

const UPDATE = `mutation($id: ID!, $input: UpdateScoringModelDraftInput!) { updateScoringModelDraft(id: $id, input: $input) { ${MODEL_FIELDS} } }`;
const GET = `query($id: ID!) { scoringModel(id: $id) { ${MODEL_FIELDS} } }`;
const VERSIONS = `query($modelId: ID!) { scoringModelVersions(modelId: $modelId) { modelId version definition } }`;
const VALIDATE = `query($definition: JSON!) { validateScoringModel(definition: $definition) { ok problems { code message path } } }`;

/** The 7-factor model with one weight lowered so the weights sum to 90. */
function pqlWeighing90() {
  const model = JSON.parse(JSON.stringify(pqlComponentModel()));
  model.components[0].weight = 10;
  return model;
}

describe.each(databaseKindsUnderTest())('scoring models on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let defaultWorkspaceId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await loginAsAdmin(t.url);
    defaultWorkspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
  });
  afterAll(async () => t?.close());

  it('seeds the default workspace with the two domain models, published, once', async () => {
    const seeded = async () => ((await gql(t.url, LIST_MODELS, {}, admin)).data.scoringModels as { id: string; name: string; kind: string; publishedVersion: number }[]).filter((m) => m.id === defaultModelId(defaultWorkspaceId, 'seed-event-model') || m.id === defaultModelId(defaultWorkspaceId, 'pql-component-model'));
    const first = await seeded();
    expect(first.map(({ name, kind: modelKind, publishedVersion }) => ({ name, kind: modelKind, publishedVersion })).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'Lead score (seed table)', kind: 'events', publishedVersion: 1 },
      { name: 'PQL score (7 factors)', kind: 'components', publishedVersion: 1 },
    ]);
    const lead = (await gql(t.url, GET, { id: first.find((m) => m.kind === 'events')!.id }, admin)).data.scoringModel;
    // The published snapshot is the seed table with the row id stamped in (what triggers name).
    expect(lead.versions).toHaveLength(1);
    expect(lead.versions[0].definition).toEqual({ ...seedEventModel(), id: lead.id, name: 'Lead score (seed table)', version: 1 });
    expect(lead.versions[0].publishedBy).toBeNull();

    // A restart seeds again: nothing changes.
    await t.app.get(DefaultScoringModelsSeeder).onApplicationBootstrap();
    expect(await seeded()).toEqual(first);
  });

  it('runs create → validate → update → publish → versions, and publishing needs a valid draft', async () => {
    const skeleton = await gql(t.url, CREATE_MODEL, { input: { name: '  Empty model  ' } }, admin);
    expect(skeleton.errors).toBeUndefined();
    const empty = skeleton.data.createScoringModel;
    expect(empty).toMatchObject({ name: 'Empty model', kind: 'events', publishedVersion: null, versions: [], draft: { id: empty.id, name: 'Empty model', rules: [] } });
    const noRules = await gql(t.url, PUBLISH_MODEL, { id: empty.id }, admin);
    expect(noRules.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(noRules.errors?.[0].message).toMatch(/^Scoring model has 1 problem: rules: /);

    const created = (await gql(t.url, CREATE_MODEL, { input: { name: 'PQL draft', definition: pqlWeighing90() } }, admin)).data.createScoringModel;
    expect(created).toMatchObject({ kind: 'components', draft: { id: created.id, name: 'PQL draft' } });

    const validation = (await gql(t.url, VALIDATE, { definition: created.draft }, admin)).data.validateScoringModel;
    expect(validation).toEqual({
      ok: false,
      problems: [{ code: 'weights_sum', message: 'components: component weights must sum to 100, but they sum to 90', path: ['components'] }],
    });
    const refused = await gql(t.url, PUBLISH_MODEL, { id: created.id }, admin);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0].message).toBe('Scoring model has 1 problem: components: component weights must sum to 100, but they sum to 90');
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [expect.objectContaining({ code: 'weights_sum' })] });
    expect((await gql(t.url, GET, { id: created.id }, admin)).data.scoringModel.publishedVersion).toBeNull();

    const fixed = await gql(t.url, UPDATE, { id: created.id, input: { name: 'PQL (fixed)', definition: pqlComponentModel() } }, admin);
    expect(fixed.errors).toBeUndefined();
    expect(fixed.data.updateScoringModelDraft).toMatchObject({ name: 'PQL (fixed)', draft: { id: created.id, name: 'PQL (fixed)' } });

    const v1 = await gql(t.url, PUBLISH_MODEL, { id: created.id }, admin);
    expect(v1.errors).toBeUndefined();
    expect(v1.data.publishScoringModel).toMatchObject({ modelId: created.id, version: 1, publishedBy: { email: 'admin@example.test' } });
    expect(v1.data.publishScoringModel.definition).toEqual({ ...pqlComponentModel(), id: created.id, name: 'PQL (fixed)', version: 1 });

    // A rename only: the next version carries the new name; older versions stay as they were.
    await gql(t.url, UPDATE, { id: created.id, input: { name: 'PQL v2' } }, admin);
    expect((await gql(t.url, PUBLISH_MODEL, { id: created.id }, admin)).data.publishScoringModel.version).toBe(2);
    const versions = (await gql(t.url, VERSIONS, { modelId: created.id }, admin)).data.scoringModelVersions;
    expect(versions.map((v: { version: number; definition: { name: string } }) => [v.version, v.definition.name])).toEqual([
      [2, 'PQL v2'],
      [1, 'PQL (fixed)'],
    ]);
    expect((await gql(t.url, GET, { id: created.id }, admin)).data.scoringModel.publishedVersion).toBe(2);
  });

  it('validates without saving and names each problem by its field', async () => {
    const broken = { ...seedEventModel(), rules: [{ id: 'r', event: 'Trial Started', points: 'fifty', weight: 1.5 }] };
    const schema = (await gql(t.url, VALIDATE, { definition: broken }, admin)).data.validateScoringModel;
    expect(schema.ok).toBe(false);
    expect(schema.problems).toEqual([expect.objectContaining({ code: 'schema', path: ['rules', '0', 'points'], message: expect.stringMatching(/^rules\[0\]\.points: /) })]);
    expect((await gql(t.url, VALIDATE, { definition: seedEventModel() }, admin)).data.validateScoringModel).toEqual({ ok: true, problems: [] });
  });

  it('refuses bad input with the field named', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ name: '' }, /^name: must not be empty/],
      [{ name: 'x'.repeat(201) }, /^name: must be at most 200 characters/],
      [{ name: 'ok', definition: [1, 2] }, /^definition: must be a JSON object \(a scoring model document\)/],
      [{ name: 'ok', definition: { blob: 'x'.repeat(1024 * 1024) } }, /^definition: is \d+ bytes; a scoring model may be at most 1 MB/],
    ];
    for (const [input, message] of cases) {
      const result = await gql(t.url, CREATE_MODEL, { input }, admin);
      expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(result.errors?.[0].message).toMatch(message);
    }
  });

  it('lets every role read and only editors and admins write; other workspaces see nothing', async () => {
    const viewer = await newUser(t, defaultWorkspaceId, 'viewer');
    const editor = await newUser(t, defaultWorkspaceId, 'editor');
    const models = (await gql(t.url, LIST_MODELS, {}, viewer)).data.scoringModels;
    expect(models.length).toBeGreaterThanOrEqual(2);
    const denied = await gql(t.url, CREATE_MODEL, { input: { name: 'Viewer model' } }, viewer);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql(t.url, PUBLISH_MODEL, { id: models[0].id }, viewer)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byEditor = await gql(t.url, CREATE_MODEL, { input: { name: 'Editor model', definition: seedEventModel() } }, editor);
    expect(byEditor.errors).toBeUndefined();
    expect((await gql(t.url, PUBLISH_MODEL, { id: byEditor.data.createScoringModel.id }, editor)).data.publishScoringModel.version).toBe(1);
    expect((await gql(t.url, LIST_MODELS, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const other = await newWorkspace(t, 'Scoring elsewhere');
    expect((await gql(t.url, LIST_MODELS, {}, other.token)).data.scoringModels).toEqual([]);
    expect((await gql(t.url, GET, { id: models[0].id }, other.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await gql(t.url, VERSIONS, { modelId: models[0].id }, other.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await gql(t.url, UPDATE, { id: models[0].id, input: { name: 'stolen' } }, other.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await gql(t.url, PUBLISH_MODEL, { id: models[0].id }, other.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
