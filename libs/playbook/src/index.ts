/** @tripline/playbook: the playbook DSL, shared by the designer, the backend and the workflow bundle. Pure. */
export * from './dsl/types';
export * from './run-types';
export * from './run-waits';
export * from './search-attributes';
export { PLAYBOOK_LIMITS, NODE_ID_PATTERN } from './dsl/limits';
export {
  playbookSchema,
  stepSchema,
  filterSchema,
  edgeSchema,
  triggerSchema,
  TRIGGER_KINDS,
  enrollmentSchema,
  durationSchema,
  nodeIdSchema,
  FILTER_OPERATOR_NAMES,
  STEP_KINDS,
} from './dsl/schema';
export { parsePlaybook, formatPath, type ParsePlaybookResult } from './dsl/parse-playbook';
export { checkUntrustedDocument, type DocumentLimits, type DocumentProblem } from './dsl/untrusted-document';
export { validate } from './validate/validate';
export { scoringModelReferenceProblems, type ReferencedScoringModel } from './validate/checks/scoring-model-references';
export { REQUIRED_ACTION_INPUTS } from './validate/checks/action-inputs';
export { evaluateFilter, isFilterGroup } from './filters/evaluate-filter';
export { readPropertyPath } from './filters/property-path';
export { FILTER_OPERATORS, operatorInfo, type FilterOperatorInfo, type OperatorValueKind } from './filters/operators';
export { ruleProblem } from './filters/rule-value';
export { describeFilter } from './filters/describe-filter';
export { hasNode, getStep, outgoingEdges, incomingEdges, nextNode } from './graph/nodes';
export { reachableFrom } from './graph/reachable';
export { outputPorts, isWaitingStep, CONDITION_PORTS, EVENT_RECEIVED_PORT, APPROVAL_REJECTED_PORT } from './graph/ports';
export { describeStep } from './graph/describe-step';
export { describeTrigger } from './triggers/describe-trigger';
export { isCompositeTrigger, triggerLeaves, type CompositeTrigger } from './triggers/trigger-tree';
export { compileCron, cronProblem, CronError, DEFAULT_CRON_TIME_ZONE } from './triggers/cron';
export { parseDuration, isDuration, formatDuration, DurationError, MAX_DURATION_MS } from './duration';
export { nextBusinessHoursStart, isWithinBusinessHours, businessHoursProblem, BusinessHoursError } from './schedule/business-hours';
export { wallTimeAt, firstInstantAtOrAfter, isTimeZone, TimeZoneError, type WallTime } from './schedule/zoned-time';
export { businessHoursTimeZone, DEFAULT_TIME_ZONE, TIME_ZONE_TRAITS, type ResolvedTimeZone } from './schedule/subject-time-zone';
export { bucketOf, variantForBucket, chooseSplitPort, fnv1a32 } from './split-bucket';
export { EXAMPLE_PLAYBOOKS, demoRequestFollowUp, winLossInterview, trialConversion, postLossEmailSequence, TRIGGER_TAXONOMY, type TaxonomyTrigger } from './examples';
export { sdrFollowUpSla, aeEscalationSla, SLA_PLAYBOOKS, CRM_TASK_COMPLETED } from './examples';
export * from './approvals';
export * from './governance/contract';
export * from './governance';
