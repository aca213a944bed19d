/** An event as the fake stores it: like Mixpanel's export line, with `time` in epoch ms (UTC). */
export interface StoredEvent {
  event: string;
  properties: Record<string, unknown> & { time: number };
}

/** Builds a stored event: `at` is ISO 8601; `insertId: null` leaves `$insert_id` out. */
export function mixpanelEvent(fields: {
  event: string;
  at: string;
  distinctId: string;
  insertId?: string | null;
  properties?: Record<string, unknown>;
}): StoredEvent {
  const time = Date.parse(fields.at);
  if (Number.isNaN(time)) throw new Error(`mixpanelEvent: '${fields.at}' is not an ISO 8601 time`);
  const properties: StoredEvent['properties'] = { time, distinct_id: fields.distinctId, ...fields.properties };
  if (fields.insertId !== null) properties.$insert_id = fields.insertId ?? `${fields.event}-${fields.distinctId}-${time}`;
  properties.mp_processing_time_ms = time + 1500;
  return { event: fields.event, properties };
}
