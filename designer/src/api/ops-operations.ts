/**
 * GraphQL operations of the operator pages: run actions, connections and the connector catalogue
 * with its auth forms. (Kept apart from operations.ts so the areas grow independently.)
 */
import { graphql } from './client';
import type { Run } from './types';

const RUN_FIELDS = `id playbookId playbookName playbookVersion workflowId status subjectKind subjectId error
  temporalUiUrl startedAt updatedAt finishedAt
  steps { id stepId kind status port input output error startedAt finishedAt }`;

export type RunAction = 'retry' | 'cancel' | 'reset';

/** Starts a failed or cancelled run again (steps already done are not repeated). */
export async function retryRun(id: string): Promise<Run> {
  const data = await graphql<{ retryRun: Run }>(`mutation RetryRun($id: ID!) { retryRun(id: $id) { ${RUN_FIELDS} } }`, { id });
  return data.retryRun;
}

/** Cancels a pending, running or waiting run; it compensates what it did. */
export async function cancelRun(id: string): Promise<Run> {
  const data = await graphql<{ cancelRun: Run }>(`mutation CancelRun($id: ID!) { cancelRun(id: $id) { ${RUN_FIELDS} } }`, { id });
  return data.cancelRun;
}

/** Resets the run's workflow (Temporal reset) to the start, or to just before `toStep`. */
export async function resetRun(id: string, toStep?: string): Promise<Run> {
  const data = await graphql<{ resetRun: Run }>(
    `mutation ResetRun($id: ID!, $toStep: String) { resetRun(id: $id, toStep: $toStep) { ${RUN_FIELDS} } }`,
    { id, toStep: toStep ?? null },
  );
  return data.resetRun;
}

/** How a connector authenticates: the connection form is generated from `configSchema`. */
export interface ConnectorAuth {
  kind: string;
  canTest: boolean;
  configSchema: Record<string, unknown>;
  secretFields: string[];
}

export interface ConnectorEntry {
  name: string;
  displayName: string;
  version: string;
  rateLimitPerSecond: number | null;
  auth: ConnectorAuth;
  actions: { name: string; displayName: string }[];
  triggers: { name: string; displayName: string; kind: string }[];
}

export interface ConnectionRecord {
  id: string;
  name: string;
  connector: string;
  createdAt: string;
}

/** A connector trigger subscription of a connection: its polling health. */
export interface ConnectionTriggerHealth {
  connectionId: string;
  trigger: string;
  kind: string;
  enabled: boolean;
  lastPollAt: string | null;
  lastDeliveryAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  itemsDelivered: number;
}

export interface ConnectionTestResult {
  ok: boolean;
  message: string | null;
  testedAt: string;
}

export interface ConnectionsOverview {
  connectorCatalogue: ConnectorEntry[];
  connections: ConnectionRecord[];
  connectionTriggers: ConnectionTriggerHealth[];
}

/** Everything the connections page shows, in one request (admins only). */
export async function fetchConnectionsOverview(): Promise<ConnectionsOverview> {
  return graphql<ConnectionsOverview>(
    `query ConnectionsOverview {
      connectorCatalogue {
        name displayName version rateLimitPerSecond
        auth { kind canTest configSchema secretFields }
        actions { name displayName }
        triggers { name displayName kind }
      }
      connections { id name connector createdAt }
      connectionTriggers { connectionId trigger kind enabled lastPollAt lastDeliveryAt lastError lastErrorAt itemsDelivered }
    }`,
  );
}

export async function createConnection(input: { name: string; connector: string; config: Record<string, unknown> }): Promise<ConnectionRecord> {
  const data = await graphql<{ createConnection: ConnectionRecord }>(
    `mutation CreateConnection($input: CreateConnectionInput!) { createConnection(input: $input) { id name connector createdAt } }`,
    { input },
  );
  return data.createConnection;
}

export async function testConnection(id: string): Promise<ConnectionTestResult> {
  const data = await graphql<{ testConnection: ConnectionTestResult }>(
    `mutation TestConnection($id: ID!) { testConnection(id: $id) { ok message testedAt } }`,
    { id },
  );
  return data.testConnection;
}

/** A published scoring model, for picking whose subjects to look at. */
export interface ScoredModel {
  id: string;
  name: string;
  kind: string;
  publishedVersion: number | null;
}

export async function listScoredModels(): Promise<ScoredModel[]> {
  const data = await graphql<{ scoringModels: ScoredModel[] }>(`query ScoredModels { scoringModels { id name kind publishedVersion } }`);
  return data.scoringModels;
}

export type SubjectKind = 'person' | 'account';

export interface RankedSubject {
  subjectId: string;
  subjectKind: SubjectKind;
  name: string | null;
  score: number;
  tier: string | null;
  lastEventAt: string | null;
}

export async function fetchRankedSubjects(modelId: string, subjectKind: SubjectKind, limit = 25): Promise<RankedSubject[]> {
  const data = await graphql<{ rankedSubjects: RankedSubject[] }>(
    `query RankedSubjects($modelId: ID!, $subjectKind: SubjectKind!, $limit: Int!) {
      rankedSubjects(modelId: $modelId, subjectKind: $subjectKind, limit: $limit) { subjectId subjectKind name score tier lastEventAt }
    }`,
    { modelId, subjectKind, limit },
  );
  return data.rankedSubjects;
}

export interface ScoreHistoryEntry {
  at: string;
  messageId: string;
  score: number;
  tier: string | null;
}

export interface ScoreContribution {
  event: string;
  ruleId: string;
  messageId: string;
  points: number;
  basePoints: number;
  timestamp: string;
}

export interface SubjectActivity {
  subjectId: string;
  subjectKind: SubjectKind;
  userId: string | null;
  groupId: string | null;
  scores: {
    model: { id: string; name: string };
    modelVersion: number;
    score: number;
    tier: string | null;
    lastEventAt: string | null;
    history: ScoreHistoryEntry[];
    topContributions: ScoreContribution[];
  }[];
}

/** One subject's scores now, the score after each of its latest events, and what contributes most. */
export async function fetchSubjectActivity(subjectKind: SubjectKind, id: string, historyLimit = 20): Promise<SubjectActivity> {
  const data = await graphql<{ profile: SubjectActivity }>(
    `query SubjectActivity($personId: ID, $accountId: ID, $limit: Int!) {
      profile(personId: $personId, accountId: $accountId) {
        subjectId subjectKind userId groupId
        scores {
          model { id name } modelVersion score tier lastEventAt
          history(limit: $limit) { at messageId score tier }
          topContributions(limit: 10) { event ruleId messageId points basePoints timestamp }
        }
      }
    }`,
    { personId: subjectKind === 'person' ? id : null, accountId: subjectKind === 'account' ? id : null, limit: historyLimit },
  );
  return data.profile;
}
