/**
 * Governance contract: change requests, approval policies, structured diffs, impact summaries and
 * the `changeApproval` workflow's signals and worker-API calls. Shared by the backend, the worker
 * and the designer so they cannot drift apart. Types only (plus constants).
 */
import type { Duration } from '../dsl/types';

/** The workspace roles (same list as the backend's `Role`). */
export type GovernanceRole = 'admin' | 'editor' | 'approver' | 'operator' | 'viewer';

// ---------------------------------------------------------------------------------------------
// Change requests
// ---------------------------------------------------------------------------------------------

/** What a change request would make live. */
export type ChangeKind =
  /** Publish a playbook's draft as its next version. */
  | 'publishPlaybook'
  /** Publish a scoring model's draft as its next version. */
  | 'publishScoringModel'
  /** Change one numeric threshold of a published playbook's trigger (published as the next version). */
  | 'changeThreshold'
  /** Make an earlier version of a playbook or scoring model live again (published as the next version). */
  | 'rollback';

export type ChangeTargetKind = 'playbook' | 'scoringModel';

export type ChangeRequestStatus =
  /** Waiting for the current level's approvals. */
  | 'pending'
  /** Every level approved and the change is live (`publishedVersion`). */
  | 'published'
  | 'rejected'
  /** Recalled by its requester (or an admin); can be resubmitted, which restarts every level. */
  | 'recalled'
  /** A level's timeout (and its escalation's) ran out. */
  | 'expired'
  /** Approved, but the target changed underneath it (someone else published first): not published. */
  | 'superseded';

// ---------------------------------------------------------------------------------------------
// Structured diff (libs/playbook/src/governance/diff-playbooks.ts, libs/scoring diff-scoring-models.ts)
// ---------------------------------------------------------------------------------------------

export type DiffChangeKind = 'added' | 'removed' | 'changed';

/** One leaf difference: `path` is dotted from the document root, e.g. "nodes.send-email.input.subject". */
export interface DiffEntry {
  path: string;
  kind: DiffChangeKind;
  before?: unknown;
  after?: unknown;
}

/** An item of a keyed collection (a playbook node, a scoring rule, a component, a tier) that differs. */
export interface DiffItem {
  /** The collection: "nodes", "edges", "rules", "components", "tiers". */
  collection: string;
  /** The item's key within its collection: a node id, a rule id, "from→to:port" for an edge. */
  key: string;
  kind: DiffChangeKind;
  /** A short human label, e.g. 'Email "Welcome"' or 'Rule "Pricing page viewed"'. */
  label: string;
  /** For 'changed': the leaf differences inside the item (paths relative to the item). */
  changes: DiffEntry[];
}

export interface StructuredDiff {
  /** "Playbook" or "Scoring model". */
  subject: string;
  /** One line per notable difference, in order, for a list view: 'Trigger threshold 71 → 80'. */
  summary: string[];
  /** Differences of keyed items (nodes/edges, rules/components/tiers). */
  items: DiffItem[];
  /** Differences outside keyed collections (trigger, enrollment, decay, name, ...), paths from the root. */
  fields: DiffEntry[];
  /** True when nothing differs. */
  empty: boolean;
}

/** A numeric field of a playbook's trigger that a `changeThreshold` request may change. */
export interface ThresholdField {
  /** Dotted path from the playbook root, e.g. "trigger.threshold" or "trigger.triggers.1.count". */
  path: string;
  /** Human label: 'Score threshold (lead-score, upward)'. */
  label: string;
  value: number;
}

// ---------------------------------------------------------------------------------------------
// Impact summary (backend/src/governance/impact/)
// ---------------------------------------------------------------------------------------------

export interface BeforeAfter<T> {
  before: T;
  after: T;
}

export interface ChangeImpact {
  /** History the impact was computed over: [from, to), ISO 8601. */
  from: string;
  to: string;
  /** Trigger fires per week (enrollments the trigger would have made), published → proposed. */
  firesPerWeek: BeforeAfter<number>;
  /** Subjects (accounts or people) that newly fire / no longer fire with the change. */
  newSubjects: { count: number; sample: string[] };
  droppedSubjects: { count: number; sample: string[] };
  /** Outreach steps per week the fires would cause, by channel, against the frequency caps. */
  outreach: {
    perWeek: BeforeAfter<number>;
    byChannel: { channel: string; perWeek: BeforeAfter<number> }[];
    /** One row per workspace frequency cap; `exceeded` when the projected volume per contact passes it. */
    caps: { channel: string; limit: number; window: string; projectedPerContact: number; exceeded: boolean }[];
  };
  /** Against the policy's outcome (e.g. the event "Order Completed"); null when nothing fired. */
  precision: BeforeAfter<number | null>;
  recall: BeforeAfter<number | null>;
  /** Share (0–100) of revenue-weighted accounts among new + dropped subjects' accounts. */
  revenueShareAffected: number;
  /** Sum of the affected accounts' revenue trait (policy.impact.revenueTrait). */
  pipelineValueAffected: number;
  /** Tier distribution before → after (scoring model changes; empty for playbooks). */
  tiers: { tier: string; before: number; after: number }[];
  /** Why a figure could not be computed (e.g. "no history in range"), else empty. */
  notes: string[];
}

// ---------------------------------------------------------------------------------------------
// Approval policy (per workspace; libs/playbook/src/governance/approval-policy.ts validates it)
// ---------------------------------------------------------------------------------------------

/** Who may approve at a level: members with one of `roles` (admins always count) and/or the listed user ids. */
export interface PolicyApprovers {
  roles?: GovernanceRole[];
  /** User ids. */
  users?: string[];
}

/** When a level applies to a change. */
export type PolicyLevelCondition =
  | { always: true }
  /** Applies when impact.revenueShareAffected > percent (0–100). */
  | { revenueShareAbove: number };

export interface ApprovalPolicyLevel {
  /** "Approver", "Finance / legal", "Executive". Unique within the policy. */
  name: string;
  approvers: PolicyApprovers;
  /** N of M: approvals needed from distinct eligible members (never the requester). ≥ 1. */
  required: number;
  when: PolicyLevelCondition;
  /** How long the level waits before escalating (or expiring). */
  timeout: Duration;
  /** Reminder to the level's approvers who have not decided, every this long; none when absent. */
  reminderEvery?: Duration;
  /** After `timeout`, these approvers are added and the level waits another `timeout`, then expires. */
  escalateTo?: PolicyApprovers;
}

export interface ApprovalPolicy {
  /** Levels in order; a change needs every level whose condition applies, one after the other. */
  levels: ApprovalPolicyLevel[];
  impact: {
    /** History the impact summary looks back over. Default 28. */
    windowDays: number;
    /** Outcome for precision/recall. Default { kind: 'event', event: 'Order Completed' }. */
    outcome: { kind: 'event'; event: string } | { kind: 'trait'; trait: string; equals: string | number | boolean | null };
    /** Account trait holding its revenue (pipeline) value. Default "arr". */
    revenueTrait: string;
  };
  /** When an admin may roll back at once without approvals. */
  rollbackCriteria: {
    /** The current version's trigger fire rate is more than this multiple of the previous version's. Default 2. */
    fireRateIncreaseAbove: number;
    /** …and it fired at least this many times since it was published. Default 10. */
    minFires: number;
  };
  notifications: {
    /** Name of the workspace's email connection approvers are notified through; null = no email. Default "default-email". */
    emailConnection: string | null;
    /** How long a signed link in a notification stays valid. Default "7d". */
    linkValidFor: Duration;
  };
}

// ---------------------------------------------------------------------------------------------
// changeApproval workflow (workflow-workers/src/change-approval/)
// ---------------------------------------------------------------------------------------------

export const CHANGE_APPROVAL_WORKFLOW = 'changeApproval';
/** Sent by the API (through the outbox) when a level completed and the next one opened. */
export const CHANGE_LEVEL_ADVANCED_SIGNAL = 'tripline.changeRequest.levelAdvanced';
/** Sent by the API (through the outbox) when the request closed: published, rejected, recalled, superseded. */
export const CHANGE_CLOSED_SIGNAL = 'tripline.changeRequest.closed';

/** `tripline-change:<workspaceId>:<requestId>:<attempt>`: one workflow per submission. */
export function changeApprovalWorkflowId(workspaceId: string, requestId: string, attempt: number): string {
  return `tripline-change:${workspaceId}:${requestId}:${attempt}`;
}

export interface ChangeApprovalLevelTimers {
  name: string;
  timeoutMs: number;
  /** null: no reminders. */
  reminderEveryMs: number | null;
  escalates: boolean;
}

export interface ChangeApprovalInput {
  workspaceId: string;
  requestId: string;
  attempt: number;
  /** The levels that apply to this request, in order (snapshotted at submit). */
  levels: ChangeApprovalLevelTimers[];
}

export interface ChangeLevelAdvancedSignal {
  attempt: number;
  /** Index into `levels` of the level now open. */
  level: number;
}

export interface ChangeClosedSignal {
  attempt: number;
  status: ChangeRequestStatus;
}

export interface ChangeApprovalResult {
  status: ChangeRequestStatus;
}

// Worker API (Authorization: Bearer <internal token>); every body carries workspaceId, attempt and level,
// and the API answers `stale` (doing nothing) when the request has moved on (another attempt or level, closed).

/** POST /internal/change-requests/:id/notifications → which emails to send now. */
export interface ChangeNotificationsRequest {
  workspaceId: string;
  attempt: number;
  level: number;
  reason: 'opened' | 'reminder' | 'escalated';
  /** 0 for 'opened'/'escalated', 1, 2, … for reminders: part of each message's idempotency key. */
  sequence: number;
}

export interface ChangeNotificationMessage {
  /** Ledger key: `change:<requestId>:<attempt>:<level>:<reason>:<sequence>:<userId>`. */
  key: string;
  userId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface ChangeNotificationsResponse {
  status: 'ok' | 'stale';
  /** The email connection to send through (policy.notifications.emailConnection); null = send nothing. */
  connection: string | null;
  messages: ChangeNotificationMessage[];
}

/** POST /internal/change-requests/:id/escalate and /expire. */
export interface ChangeLevelTimeoutRequest {
  workspaceId: string;
  attempt: number;
  level: number;
}

export interface ChangeLevelTimeoutResponse {
  status: 'escalated' | 'expired' | 'stale';
}
