import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/auth/principal';
import { UsersService } from '../../src/auth/users.service';
import { AccountEntity } from '../../src/identity/account.entity';
import { PersonIdentityEntity } from '../../src/identity/person-identity.entity';
import { WorkspacesService } from '../../src/workspaces/workspaces.service';
import { basicAuth, findAll, postSegment } from '../ingest-support/segment-requests';
import { gql, login } from '../support/graphql-client';
import type { TestApp } from '../support/test-app';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** An ISO timestamp `days` days (and `minutes` minutes) before now. */
export const ago = (days: number, minutes = 0): string => new Date(Date.now() - days * DAY_MS - minutes * 60_000).toISOString();

export const MODEL_FIELDS = `id name kind draft publishedVersion createdAt updatedAt versions { id modelId version definition publishedAt publishedBy { email } }`;
export const CREATE_MODEL = `mutation($input: CreateScoringModelInput!) { createScoringModel(input: $input) { ${MODEL_FIELDS} } }`;
export const PUBLISH_MODEL = `mutation($id: ID!) { publishScoringModel(id: $id) { id modelId version definition publishedAt publishedBy { email } } }`;
export const LIST_MODELS = `{ scoringModels { id name kind publishedVersion } }`;

export const PROFILE = `query($personId: ID, $accountId: ID) {
  profile(personId: $personId, accountId: $accountId) {
    subjectKind subjectId userId groupId accountId traits
    scores {
      model { id name kind } modelVersion score tier tierAction lastEventAt
      topContributions(limit: 20) { messageId event ruleId points basePoints timestamp }
      components { id name value points weight fullPointsAt note }
      history(limit: 50) { score tier at messageId }
    }
  }
}`;

export const RANKED = `query($modelId: ID!, $subjectKind: SubjectKind!, $tier: String, $limit: Int) {
  rankedSubjects(modelId: $modelId, subjectKind: $subjectKind, tier: $tier, limit: $limit) { subjectKind subjectId name score tier lastEventAt }
}`;

export interface TestWorkspace {
  workspaceId: string;
  writeKey: string;
  /** An admin of the workspace. */
  token: string;
}

/** A workspace of its own with a write key and a user of the given role (admin by default). */
export async function newWorkspace(t: TestApp, name: string, role: Role = 'admin'): Promise<TestWorkspace> {
  const writeKey = `wk_${randomUUID()}`;
  const workspace = await t.app.get(WorkspacesService).create(name, writeKey);
  const token = await newUser(t, workspace.id, role);
  return { workspaceId: workspace.id, writeKey, token };
}

/** A user with `role` in the workspace; returns their token. */
export async function newUser(t: TestApp, workspaceId: string, role: Role): Promise<string> {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
  const password = `password-${randomUUID()}`;
  const users = t.app.get(UsersService);
  const user = await users.create({ email, password, name: role });
  await users.setRole(user.id, workspaceId, role);
  return login(t.url, email, password, workspaceId);
}

/** Creates and publishes a model through GraphQL; returns its id (what triggers name). */
export async function publishModel(t: TestApp, token: string, name: string, definition: unknown): Promise<string> {
  const created = await gql(t.url, CREATE_MODEL, { input: { name, definition } }, token);
  if (!created.data) throw new Error(`createScoringModel failed: ${JSON.stringify(created.errors)}`);
  const published = await gql(t.url, PUBLISH_MODEL, { id: created.data.createScoringModel.id }, token);
  if (!published.data) throw new Error(`publishScoringModel failed: ${JSON.stringify(published.errors)}`);
  return created.data.createScoringModel.id;
}

export async function modelIdByName(t: TestApp, token: string, name: string): Promise<string> {
  const models = (await gql(t.url, LIST_MODELS, {}, token)).data.scoringModels as { id: string; name: string }[];
  const model = models.find((m) => m.name === name);
  if (!model) throw new Error(`no scoring model named "${name}"`);
  return model.id;
}

/** POSTs a batch with the workspace's write key and expects 200. */
export async function sendBatch(t: TestApp, batch: Record<string, unknown>[], writeKey?: string): Promise<void> {
  const response = await postSegment(t, 'batch', { batch }, writeKey ? { authorization: basicAuth(writeKey) } : {});
  if (response.status !== 200) throw new Error(`batch failed: ${response.status} ${JSON.stringify(response.body)}`);
}

let sequence = 0;
/** A track call with a unique messageId. */
export function track(userId: string, event: string, timestamp: string, properties: Record<string, unknown> = {}, messageId = `st-${process.pid}-${++sequence}`) {
  return { type: 'track', userId, event, properties, timestamp, messageId };
}

export function group(userId: string, groupId: string, traits: Record<string, unknown> = {}) {
  return { type: 'group', userId, groupId, traits, timestamp: ago(0, 120), messageId: `sg-${process.pid}-${++sequence}` };
}

export async function personIdOf(t: TestApp, workspaceId: string, userId: string): Promise<string> {
  const [identity] = await findAll(t, PersonIdentityEntity, { workspaceId, kind: 'userId', value: userId });
  if (!identity) throw new Error(`no person with userId ${userId}`);
  return identity.personId;
}

export async function accountIdOf(t: TestApp, workspaceId: string, groupId: string): Promise<string> {
  const [account] = await findAll(t, AccountEntity, { workspaceId, groupId });
  if (!account) throw new Error(`no account with groupId ${groupId}`);
  return account.id;
}

/** The profile's score entry under the named model. */
export async function profileScore(t: TestApp, token: string, ids: { personId?: string; accountId?: string }, modelName: string) {
  const result = await gql(t.url, PROFILE, ids, token);
  if (!result.data) throw new Error(`profile failed: ${JSON.stringify(result.errors)}`);
  return result.data.profile.scores.find((s: { model: { name: string } }) => s.model.name === modelName);
}
