import type { ActionStep, Playbook } from '@tripline/playbook';
import { gql } from '../support/graphql-client';
import type { TestApp } from '../support/test-app';

/** The connection the second email of the two-email playbook uses: broken, then fixed, by the tests. */
export const OPS_SMTP = 'ops-smtp';

const email = (connection: string, subject: string, retry?: ActionStep['retry']): ActionStep => ({
  kind: 'action',
  connector: 'email',
  action: 'send',
  connection,
  input: { to: '{{ person.traits.email }}', subject: `${subject} for {{ person.traits.firstName }}`, text: `${subject}.` },
  ...(retry ? { retry } : {}),
});

/** event → first email (default connection) → second email (ops-smtp, one attempt) → end. */
export function twoEmails(name: string, event: string): Playbook {
  return {
    schemaVersion: 1,
    id: name,
    version: 1,
    name,
    trigger: { kind: 'event', event },
    enrollment: { subject: 'person', reenroll: 'always' },
    start: 'first',
    nodes: { first: email('default-email', 'First'), second: email(OPS_SMTP, 'Second', { maximumAttempts: 1 }), done: { kind: 'end' } },
    edges: [
      { from: 'first', to: 'second' },
      { from: 'second', to: 'done' },
    ],
  };
}

/** event → wait an hour → end: a run that stays in flight. */
export function longWait(name: string, event: string): Playbook {
  return {
    schemaVersion: 1,
    id: name,
    version: 1,
    name,
    trigger: { kind: 'event', event },
    enrollment: { subject: 'person', reenroll: 'always' },
    start: 'hold',
    nodes: { hold: { kind: 'wait', for: '1h' }, done: { kind: 'end' } },
    edges: [{ from: 'hold', to: 'done' }],
  };
}

/** Creates and publishes `definition` through GraphQL; returns the playbook id. */
export async function publish(t: TestApp, token: string, definition: Playbook): Promise<string> {
  const created = await gql(t.url, `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`, { input: { name: definition.name, definition } }, token);
  if (!created.data) throw new Error(`createPlaybook failed: ${JSON.stringify(created.errors)}`);
  const id = created.data.createPlaybook.id as string;
  const published = await gql(t.url, `mutation($id: ID!) { publishPlaybook(id: $id) { version } }`, { id }, token);
  if (!published.data) throw new Error(`publishPlaybook failed: ${JSON.stringify(published.errors)}`);
  return id;
}
