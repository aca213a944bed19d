import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { RUN_SEARCH_ATTRIBUTES, type RunStatus } from '@tripline/playbook';

const RUN_STATUS = defineSearchAttributeKey(RUN_SEARCH_ATTRIBUTES.runStatus.name, SearchAttributeType.KEYWORD);

/**
 * Keeps TriplineRunStatus current so operators can filter runs by status in the Temporal UI.
 * Only when the run's start carried the attribute (the dispatcher always sets it): a server without
 * the attribute registered would fail every workflow task of an upsert, and runs started before the
 * attribute existed replay exactly as they ran (no new command), so no `patched()` is needed.
 */
export function upsertRunStatus(status: RunStatus): void {
  const current = workflowInfo().typedSearchAttributes.get(RUN_STATUS);
  if (current === undefined || current === status) return;
  upsertSearchAttributes([{ key: RUN_STATUS, value: status }]);
}
