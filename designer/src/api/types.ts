/** The shapes the GraphQL API returns (docs/graphql-contract.md), as the designer reads them. */
import type { RunStatus, StepStatus } from '@tripline/playbook';

export type Role = 'admin' | 'editor' | 'approver' | 'operator' | 'viewer';
export type PlaybookStatus = 'draft' | 'published';
export type { RunStatus, StepStatus };

export interface User {
  id: string;
  email: string;
  name: string | null;
}

export interface Workspace {
  id: string;
  name: string;
}

export interface AuthPayload {
  token: string;
  user: User;
  workspace: Workspace;
  role: Role;
}

export interface Me {
  user: User;
  workspace: Workspace;
  role: Role;
}

export interface PlaybookVersion {
  id: string;
  playbookId: string;
  version: number;
  /** The published DSL document (JSON scalar). */
  definition: unknown;
  publishedAt: string;
}

export interface PlaybookRecord {
  id: string;
  name: string;
  description: string | null;
  status: PlaybookStatus;
  /** The DSL document being edited (JSON scalar: not guaranteed to be a valid playbook). */
  draft: unknown;
  publishedVersion: number | null;
  createdAt: string;
  updatedAt: string;
  /** Read by the list only: the change request waiting for approval, if any. */
  pendingChangeRequestId?: string | null;
  /** Read by the list only: runs started in the last `days` days. */
  runStats?: PlaybookRunStats;
}

export interface PlaybookRunStats {
  days: number;
  started: number;
  inProgress: number;
  completed: number;
  failed: number;
  lastRunAt: string | null;
}

export interface PlaybookWithVersions extends PlaybookRecord {
  versions: PlaybookVersion[];
}

export interface GraphqlValidationProblem {
  code: string;
  message: string;
  nodeId: string | null;
  edgeIndex: number | null;
  path: string[] | null;
}

export interface GraphqlValidationResult {
  ok: boolean;
  problems: GraphqlValidationProblem[];
}

export interface RunStep {
  id: string;
  stepId: string;
  kind: string;
  status: StepStatus;
  port: string | null;
  input: unknown;
  output: unknown;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface Run {
  id: string;
  playbookId: string;
  playbookName: string;
  playbookVersion: number;
  workflowId: string;
  status: RunStatus;
  subjectKind: string;
  subjectId: string;
  error: string | null;
  temporalUiUrl: string;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  steps: RunStep[];
}

export interface RunFilter {
  playbookId?: string;
  status?: RunStatus;
  subjectId?: string;
  limit?: number;
}

/** One connector action as `connectorCatalogue` describes it. */
export interface CatalogueAction {
  name: string;
  displayName: string;
  description: string;
  /** "read" | "write". */
  effect: string;
  irreversible: boolean;
  /** Whether the action declares an undo (compensation). */
  undoable: boolean;
  /** "email" | "crm" | "slack" | "webhook" when frequency caps apply. */
  outreach: string | null;
  /** JSON Schema (draft 2020-12, from the connector's zod schema) of the action's input. */
  inputSchema: Record<string, unknown>;
}

/** `connectorCatalogue` and `scoringModels`, as far as the designer reads them. */
export interface DesignerCatalogueData {
  connectorCatalogue: {
    name: string;
    displayName: string;
    version: string;
    actions: CatalogueAction[];
  }[];
  scoringModels: {
    id: string;
    name: string;
    /** The model documents (JSON): read loosely, only their tiers. */
    draft: unknown;
    versions: { version: number; definition: unknown }[];
  }[];
}

/** A connection of the workspace (`connections`); its config never leaves the API. */
export interface WorkspaceConnection {
  id: string;
  name: string;
  connector: string;
}
