import type { SegmentCall } from '../ingest/segment/segment-call';

/**
 * Event completeness, from the domain's KPI "% of events with user_id, account_id, event_time,
 * properties", mapped onto Segment's fields per call type (README.md has the table):
 * - user_id: `userId` (every call type; an anonymous-only call is incomplete);
 * - account_id: `groupId` of a group call, else `context.groupId` (Segment's common field for
 *   attributing non-group calls to an account); not applicable to alias;
 * - event_time: a timestamp the client sent (`timestamp` or `originalTimestamp`), not one the server
 *   filled in on receipt;
 * - properties: non-empty `properties` (track, page, screen) or `traits` (identify, group); not
 *   applicable to alias, whose payload is `previousId` (which validation already requires).
 * Fields that validation already requires (track's `event`, group's `groupId`, alias's ids) are
 * always present on a stored call.
 */
export function missingRequiredFields(call: SegmentCall): string[] {
  const missing: string[] = [];
  if (!call.userId) missing.push('userId');
  if (call.originalTimestamp === null) missing.push('timestamp');
  if (call.type === 'alias') return missing;
  if (!accountIdOf(call)) missing.push(call.type === 'group' ? 'groupId' : 'context.groupId');
  const payload = call.type === 'identify' || call.type === 'group' ? 'traits' : 'properties';
  if (Object.keys(call[payload]).length === 0) missing.push(payload);
  return missing;
}

export function hasRequiredFields(call: SegmentCall): boolean {
  return missingRequiredFields(call).length === 0;
}

function accountIdOf(call: SegmentCall): string | null {
  if (call.type === 'group') return call.groupId;
  const id = call.context.groupId;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return typeof id === 'string' && id.trim() !== '' ? id : null;
}
