import { demoRequestFollowUp, type Enrollment, type Playbook, type Trigger } from '@tripline/playbook';
import { gql, loginAsAdmin } from '../support/graphql-client';
import type { TestApp } from '../support/test-app';

const CREATE = `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`;
const PUBLISH = `mutation($id: ID!) { publishPlaybook(id: $id) { playbookId version definition } }`;

export interface PublishedForTest {
  playbookId: string;
  version: number;
  definition: Playbook;
}

/**
 * Creates and publishes a playbook through GraphQL, as a user would: the sample "Demo request
 * follow-up" graph with the given name, trigger and enrollment.
 */
export async function publishPlaybook(t: TestApp, overrides: { name: string; trigger: Trigger; enrollment: Enrollment }): Promise<PublishedForTest> {
  const token = await loginAsAdmin(t.url);
  const definition = JSON.parse(JSON.stringify({ ...demoRequestFollowUp, ...overrides }));
  const created = await gql(t.url, CREATE, { input: { name: overrides.name, definition } }, token);
  if (!created.data) throw new Error(`createPlaybook failed: ${JSON.stringify(created.errors)}`);
  const published = await gql(t.url, PUBLISH, { id: created.data.createPlaybook.id }, token);
  if (!published.data) throw new Error(`publishPlaybook failed: ${JSON.stringify(published.errors)}`);
  return published.data.publishPlaybook;
}
