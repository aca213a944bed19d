import type { TriggerItem } from '@tripline/connector-sdk';

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isTime = (value: unknown): boolean => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with one item a trigger returned (empty when it is a well-formed TriggerItem). */
export function triggerItemProblems(item: unknown): string[] {
  if (!isObject(item)) return ['is not an object'];
  const candidate = item as Partial<TriggerItem> & Record<string, unknown>;
  const problems: string[] = [];
  if (!isText(candidate.id)) problems.push('has no id');
  if (!isTime(candidate.at)) problems.push(`has 'at' = ${JSON.stringify(candidate.at)}, not an ISO 8601 time`);
  if (candidate.kind === 'event') {
    const call = candidate.call as Record<string, unknown> | undefined;
    if (!isObject(call)) return [...problems, 'is an event without a call'];
    if (!isText(call!.messageId)) problems.push('has a call without a messageId (ingest dedupes on it)');
    if (!isText(call!.type)) problems.push('has a call without a type');
    if (!isTime(call!.timestamp)) problems.push(`has a call timestamp ${JSON.stringify(call!.timestamp)}, not an ISO 8601 time`);
    if (!isText(call!.userId) && !isText(call!.anonymousId)) problems.push('has a call with neither userId nor anonymousId');
    if (call!.type === 'track' && !isText(call!.event)) problems.push('is a track call without an event name');
    if (call!.type === 'group' && !isText(call!.groupId)) problems.push('is a group call without a groupId');
  } else if (candidate.kind === 'crmChange') {
    const change = candidate.change as Record<string, unknown> | undefined;
    if (!isObject(change)) return [...problems, 'is a crmChange without a change'];
    if (!isText(change!.object)) problems.push('has a change without an object type');
    if (!isText(change!.recordId)) problems.push('has a change without a recordId');
    if (!isObject(change!.changes)) problems.push('has a change without its changed fields');
    if (!isObject(change!.record)) problems.push('has a change without the record');
  } else {
    problems.push(`has kind ${JSON.stringify(candidate.kind)} (expected 'event' or 'crmChange')`);
  }
  return problems;
}
