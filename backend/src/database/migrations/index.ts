import { Workspaces1764000000000 } from './1764000000000-workspaces';
import { UsersAndMemberships1764000001000 } from './1764000001000-users-and-memberships';
import { Playbooks1764000001001 } from './1764000001001-playbooks';
import { Runs1764000002000 } from './1764000002000-runs';
import { Connections1764000002001 } from './1764000002001-connections';
import { SideEffectLedger1764000002002 } from './1764000002002-side-effect-ledger';
import { Events1764000003000 } from './1764000003000-events';
import { Identity1764000003001 } from './1764000003001-identity';
import { Enrollments1764000003002 } from './1764000003002-enrollments';
import { Outbox1764000003003 } from './1764000003003-outbox';
import { SourceQualityDays1764000004000 } from './1764000004000-source-quality-days';
import { ScoringModels1764000005000 } from './1764000005000-scoring-models';
import { ScoreStates1764000005001 } from './1764000005001-score-states';
import { SubjectAggregates1764000005002 } from './1764000005002-subject-aggregates';
import { TriggerTicks1764000006000 } from './1764000006000-trigger-ticks';
import { RunOperations1764000007100 } from './1764000007100-run-operations';
import { ApprovalRequests1764000007200 } from './1764000007200-approval-requests';
import { RunWaits1764000007300 } from './1764000007300-run-waits';
import { FrequencyCaps1764000007350 } from './1764000007350-frequency-caps';
import { ConnectorTriggers1764000008000 } from './1764000008000-connector-triggers';
import { EmailSuppressions1764000008100 } from './1764000008100-email-suppressions';
import { AuditLog1764000009000 } from './1764000009000-audit-log';
import { Governance1764000009100 } from './1764000009100-governance';
import { ConnectionVendorQuotas1764000009500 } from './1764000009500-connection-vendor-quotas';

/** Every migration, in order. Listed explicitly so builds, tests and the CLI load the same set. */
export const ALL_MIGRATIONS = [Workspaces1764000000000, UsersAndMemberships1764000001000, Playbooks1764000001001, Runs1764000002000, Connections1764000002001, SideEffectLedger1764000002002, Events1764000003000, Identity1764000003001, Enrollments1764000003002, Outbox1764000003003, SourceQualityDays1764000004000, ScoringModels1764000005000, ScoreStates1764000005001, SubjectAggregates1764000005002, TriggerTicks1764000006000, RunOperations1764000007100, ApprovalRequests1764000007200, RunWaits1764000007300, FrequencyCaps1764000007350, ConnectorTriggers1764000008000, EmailSuppressions1764000008100, AuditLog1764000009000, Governance1764000009100, ConnectionVendorQuotas1764000009500];
