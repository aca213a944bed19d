/** Every GraphQL operation the designer uses, as typed functions. */
import { graphql, liveClient } from './client';
import { subscribe } from './subscriptions';
import type {
  AuthPayload,
  DesignerCatalogueData,
  GraphqlValidationResult,
  Me,
  PlaybookRecord,
  PlaybookVersion,
  PlaybookWithVersions,
  Run,
  RunFilter,
} from './types';

const PLAYBOOK_FIELDS = `id name description status draft publishedVersion createdAt updatedAt`;
const RUN_FIELDS = `id playbookId playbookName playbookVersion workflowId status subjectKind subjectId error
  temporalUiUrl startedAt updatedAt finishedAt
  steps { id stepId kind status port input output error startedAt finishedAt }`;

export async function login(email: string, password: string): Promise<AuthPayload> {
  const data = await graphql<{ login: AuthPayload }>(
    `mutation Login($email: String!, $password: String!) {
      login(email: $email, password: $password) { token role user { id email name } workspace { id name } }
    }`,
    { email, password },
  );
  return data.login;
}

export async function fetchMe(): Promise<Me> {
  const data = await graphql<{ me: Me }>(`query Me { me { role user { id email name } workspace { id name } } }`);
  return data.me;
}

export async function listPlaybooks(search: string): Promise<PlaybookRecord[]> {
  const data = await graphql<{ playbooks: PlaybookRecord[] }>(
    `query Playbooks($search: String) {
      playbooks(search: $search) {
        ${PLAYBOOK_FIELDS} pendingChangeRequestId runStats { days started inProgress completed failed lastRunAt }
      }
    }`,
    { search: search.trim() === '' ? null : search.trim() },
  );
  return data.playbooks;
}

export async function fetchPlaybook(id: string): Promise<PlaybookWithVersions | null> {
  const data = await graphql<{ playbook: PlaybookWithVersions | null }>(
    `query Playbook($id: ID!) {
      playbook(id: $id) { ${PLAYBOOK_FIELDS} versions { id playbookId version definition publishedAt } }
    }`,
    { id },
  );
  return data.playbook;
}

export async function createPlaybook(input: { name: string; description?: string; definition: unknown }): Promise<PlaybookRecord> {
  const data = await graphql<{ createPlaybook: PlaybookRecord }>(
    `mutation CreatePlaybook($input: CreatePlaybookInput!) { createPlaybook(input: $input) { ${PLAYBOOK_FIELDS} } }`,
    { input },
  );
  return data.createPlaybook;
}

export async function updatePlaybookDraft(
  id: string,
  input: { name?: string; description?: string; definition?: unknown },
): Promise<PlaybookRecord> {
  const data = await graphql<{ updatePlaybookDraft: PlaybookRecord }>(
    `mutation UpdatePlaybookDraft($id: ID!, $input: UpdatePlaybookDraftInput!) {
      updatePlaybookDraft(id: $id, input: $input) { ${PLAYBOOK_FIELDS} }
    }`,
    { id, input },
  );
  return data.updatePlaybookDraft;
}

export async function publishPlaybook(id: string): Promise<PlaybookVersion> {
  const data = await graphql<{ publishPlaybook: PlaybookVersion }>(
    `mutation PublishPlaybook($id: ID!) { publishPlaybook(id: $id) { id playbookId version definition publishedAt } }`,
    { id },
  );
  return data.publishPlaybook;
}

/** A change request as the publish flow needs it: where it stands and which level waits. */
export interface SubmittedChangeRequest {
  id: string;
  status: string;
  publishedVersion: number | null;
  levels: { name: string; required: number }[];
}

/** Asks for the playbook's draft to go live through the workspace's approval policy. */
export async function submitPlaybookChange(id: string): Promise<SubmittedChangeRequest> {
  const data = await graphql<{ submitChangeRequest: SubmittedChangeRequest }>(
    `mutation SubmitPlaybookChange($input: SubmitChangeRequestInput!) {
      submitChangeRequest(input: $input) { id status publishedVersion levels { name required } }
    }`,
    { input: { kind: 'publishPlaybook', targetId: id } },
  );
  return data.submitChangeRequest;
}

export async function validatePlaybook(definition: unknown): Promise<GraphqlValidationResult> {
  const data = await graphql<{ validatePlaybook: GraphqlValidationResult }>(
    `query ValidatePlaybook($definition: JSON!) {
      validatePlaybook(definition: $definition) { ok problems { code message nodeId edgeIndex path } }
    }`,
    { definition },
  );
  return data.validatePlaybook;
}

export async function listRuns(filter: RunFilter = {}): Promise<Run[]> {
  const data = await graphql<{ runs: Run[] }>(`query Runs($filter: RunFilter) { runs(filter: $filter) { ${RUN_FIELDS} } }`, {
    filter,
  });
  return data.runs;
}

export async function fetchRun(id: string): Promise<Run | null> {
  const data = await graphql<{ run: Run | null }>(`query Run($id: ID!) { run(id: $id) { ${RUN_FIELDS} } }`, { id });
  return data.run;
}

/** Live run updates (every run of the workspace, or one run / one playbook's runs). */
export function subscribeToRunUpdates(
  filter: { runId?: string; playbookId?: string },
  onRun: (run: Run) => void,
  onError: (message: string) => void,
): () => void {
  return subscribe<{ runUpdated: Run }>(
    liveClient(),
    `subscription RunUpdated($runId: ID, $playbookId: ID) { runUpdated(runId: $runId, playbookId: $playbookId) { ${RUN_FIELDS} } }`,
    { runId: filter.runId ?? null, playbookId: filter.playbookId ?? null },
    { next: (data) => onRun(data.runUpdated), error: onError },
  );
}

/**
 * What the canvas and the node panel need to know about the workspace beyond the playbook: the
 * connector actions (their input JSON Schemas, and which cannot be undone), and the scoring models'
 * names and tiers (their latest published version, else their draft).
 */
export async function fetchDesignerCatalogue(): Promise<DesignerCatalogueData> {
  return graphql<DesignerCatalogueData>(
    `query DesignerCatalogue {
      connectorCatalogue {
        name displayName version
        actions { name displayName description effect irreversible undoable outreach inputSchema }
      }
      scoringModels { id name draft versions { version definition } }
    }`,
  );
}
