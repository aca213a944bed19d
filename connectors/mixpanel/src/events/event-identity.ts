/** Who an exported event is about, in Segment's terms. */
export interface EventIdentity {
  userId?: string;
  anonymousId?: string;
}

const DEVICE_PREFIX = '$device:';

/**
 * Mixpanel's identity properties → userId / anonymousId. With simplified ID merge an anonymous event's
 * distinct_id is "$device:<device id>" and an identified one carries `$user_id`; with the original
 * ID merge an anonymous event's distinct_id equals its `$device_id`. The device id (without the
 * prefix) is the anonymousId either way, so a person's anonymous and identified events stitch.
 */
export function eventIdentity(properties: Record<string, unknown>): EventIdentity {
  const distinctId = idText(properties.distinct_id);
  const userId = idText(properties.$user_id);
  const deviceId =
    idText(properties.$device_id) ?? (distinctId?.startsWith(DEVICE_PREFIX) ? idText(distinctId.slice(DEVICE_PREFIX.length)) : undefined);
  const identity: EventIdentity = {};
  if (userId) identity.userId = userId;
  else if (distinctId && !distinctId.startsWith(DEVICE_PREFIX) && distinctId !== deviceId) identity.userId = distinctId;
  if (deviceId) identity.anonymousId = deviceId;
  else if (!identity.userId && distinctId) identity.anonymousId = distinctId;
  return identity;
}

function idText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
