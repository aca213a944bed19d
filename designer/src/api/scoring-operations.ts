/** The GraphQL operations of scoring models and backtests, as typed functions. */
import { graphql } from './client';
import type { SubmittedChangeRequest } from './operations';

export interface ScoringModelVersionRecord {
  id: string;
  modelId: string;
  version: number;
  definition: unknown;
  publishedAt: string;
}

export interface ScoringModelRecord {
  id: string;
  name: string;
  /** "events" or "components" */
  kind: string;
  draft: unknown;
  publishedVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface ScoringModelWithVersions extends ScoringModelRecord {
  versions: ScoringModelVersionRecord[];
}

export interface ScoringProblem {
  code: string;
  message: string;
  path: string[] | null;
}

export interface ScoringValidation {
  ok: boolean;
  problems: ScoringProblem[];
}

export type BacktestOutcomeInput = { kind: 'event'; event: string } | { kind: 'trait'; trait: string; equals: string | number | boolean | null };

export interface BacktestRequest {
  from: string;
  to: string;
  subject: 'person' | 'account';
  outcome: BacktestOutcomeInput;
  model?: unknown;
  modelId?: string;
  trigger?: unknown;
  playbookId?: string;
}

export interface BacktestDayCount {
  day: string;
  count: number;
}

export interface BacktestTierCount {
  tier: string;
  count: number;
}

export interface BacktestSummaryRecord {
  fired: string[];
  firesPerDay: BacktestDayCount[];
  tierDistribution: BacktestTierCount[];
  truePositives: number;
  precision: number | null;
  recall: number | null;
  lift: number | null;
}

export interface BacktestResultRecord extends BacktestSummaryRecord {
  from: string;
  to: string;
  subject: 'person' | 'account';
  eventsProcessed: number;
  population: number;
  converted: number;
  baseRate: number | null;
  newlyFiring: string[];
  noLongerFiring: string[];
  baseline: BacktestSummaryRecord | null;
  baselineModelVersion: number | null;
  baselinePlaybookVersion: number | null;
  warnings: string[];
}

const MODEL_FIELDS = `id name kind draft publishedVersion createdAt updatedAt`;
const VERSION_FIELDS = `id modelId version definition publishedAt`;
const SUMMARY_FIELDS = `fired firesPerDay { day count } tierDistribution { tier count } truePositives precision recall lift`;

export async function listScoringModels(): Promise<ScoringModelRecord[]> {
  const data = await graphql<{ scoringModels: ScoringModelRecord[] }>(`query ScoringModels { scoringModels { ${MODEL_FIELDS} } }`);
  return data.scoringModels;
}

export async function fetchScoringModel(id: string): Promise<ScoringModelWithVersions | null> {
  const data = await graphql<{ scoringModel: ScoringModelWithVersions | null }>(
    `query ScoringModel($id: ID!) { scoringModel(id: $id) { ${MODEL_FIELDS} versions { ${VERSION_FIELDS} } } }`,
    { id },
  );
  return data.scoringModel;
}

export async function createScoringModel(input: { name: string; definition?: unknown }): Promise<ScoringModelRecord> {
  const data = await graphql<{ createScoringModel: ScoringModelRecord }>(
    `mutation CreateScoringModel($input: CreateScoringModelInput!) { createScoringModel(input: $input) { ${MODEL_FIELDS} } }`,
    { input },
  );
  return data.createScoringModel;
}

export async function updateScoringModelDraft(id: string, input: { name?: string; definition?: unknown }): Promise<ScoringModelRecord> {
  const data = await graphql<{ updateScoringModelDraft: ScoringModelRecord }>(
    `mutation UpdateScoringModelDraft($id: ID!, $input: UpdateScoringModelDraftInput!) {
      updateScoringModelDraft(id: $id, input: $input) { ${MODEL_FIELDS} }
    }`,
    { id, input },
  );
  return data.updateScoringModelDraft;
}

export async function validateScoringModel(definition: unknown): Promise<ScoringValidation> {
  const data = await graphql<{ validateScoringModel: ScoringValidation }>(
    `query ValidateScoringModel($definition: JSON!) { validateScoringModel(definition: $definition) { ok problems { code message path } } }`,
    { definition },
  );
  return data.validateScoringModel;
}

export async function publishScoringModel(id: string): Promise<ScoringModelVersionRecord> {
  const data = await graphql<{ publishScoringModel: ScoringModelVersionRecord }>(
    `mutation PublishScoringModel($id: ID!) { publishScoringModel(id: $id) { ${VERSION_FIELDS} } }`,
    { id },
  );
  return data.publishScoringModel;
}

/** Asks for the model's draft to go live through the workspace's approval policy. */
export async function submitScoringModelChange(id: string): Promise<SubmittedChangeRequest> {
  const data = await graphql<{ submitChangeRequest: SubmittedChangeRequest }>(
    `mutation SubmitScoringModelChange($input: SubmitChangeRequestInput!) {
      submitChangeRequest(input: $input) { id status publishedVersion levels { name required } }
    }`,
    { input: { kind: 'publishScoringModel', targetId: id } },
  );
  return data.submitChangeRequest;
}

export async function runBacktest(input: BacktestRequest): Promise<BacktestResultRecord> {
  const data = await graphql<{ backtest: BacktestResultRecord }>(
    `query Backtest($input: BacktestInput!) {
      backtest(input: $input) {
        from to subject eventsProcessed population converted baseRate newlyFiring noLongerFiring
        baselineModelVersion baselinePlaybookVersion warnings ${SUMMARY_FIELDS}
        baseline { ${SUMMARY_FIELDS} }
      }
    }`,
    { input },
  );
  return data.backtest;
}
