/** Governance: the contract types plus the pure parts (diffs, thresholds, approval policies). */
export * from './contract';
export { diffJson, jsonEqual, DEFAULT_DIFF_DEPTH, type DiffJsonOptions } from './json-diff';
export { diffKeyedItems, keyItems, type KeyedCollection, type KeyedDiff } from './keyed-items';
export {
  formatDiffValue,
  pathWords,
  valueAtPath,
  describeEntry,
  describeChanges,
  describeSection,
  relativeEntries,
  summaryLine,
  lowerFirst,
  MAX_SUMMARY_LINE,
  type FieldWords,
  type ValueDescriber,
} from './diff-text';
export { diffPlaybooks, edgeKey } from './diff-playbooks';
export { thresholdFields, namedThresholdFields, withThreshold, ThresholdChangeError, type NamedThresholdField } from './thresholds';
export {
  approvalPolicySchema,
  parseApprovalPolicy,
  levelsForImpact,
  DEFAULT_APPROVAL_POLICY,
  NO_APPROVAL_POLICY,
  EXAMPLE_TIERED_POLICY,
  GOVERNANCE_ROLES,
  APPROVAL_POLICY_LIMITS,
  APPROVAL_POLICY_DEFAULTS,
  type ParseApprovalPolicyResult,
} from './approval-policy';
