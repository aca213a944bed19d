/** Properties already mapped onto the call (id, time, identity): not repeated in `properties`. */
const MAPPED = new Set(['time', 'distinct_id', '$insert_id', '$user_id', '$device_id']);

/** Mixpanel's ingestion bookkeeping: says nothing about the user or the product. */
const DROPPED = new Set(['mp_processing_time_ms', '$mp_api_endpoint', '$mp_api_timestamp_ms']);

/** Where Mixpanel's own properties go: `properties.mixpanel.current_url`, `.browser`, `.city`, ... */
export const MIXPANEL_NAMESPACE = 'mixpanel';

/**
 * An exported event's properties as ours: the customer's own properties unchanged; Mixpanel's
 * reserved ones ("$browser", "$current_url", "mp_lib", ...) kept, since they can matter to scoring
 * (a pricing page's URL), but under `properties.mixpanel` with the "$" dropped, so they never mix
 * with the customer's names. Identity, time and ingestion bookkeeping are left out (see above).
 * Should the customer have a property named "mixpanel" itself, theirs keeps the name and Mixpanel's
 * go under "$mixpanel".
 */
export function eventProperties(properties: Record<string, unknown>): Record<string, unknown> {
  const own: Record<string, unknown> = {};
  const reserved: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(properties)) {
    if (MAPPED.has(name) || DROPPED.has(name)) continue;
    if (name.startsWith('$') || name.startsWith('mp_')) reserved[name.startsWith('$') ? name.slice(1) : name] = value;
    else own[name] = value;
  }
  if (Object.keys(reserved).length > 0) {
    own[MIXPANEL_NAMESPACE in own ? `$${MIXPANEL_NAMESPACE}` : MIXPANEL_NAMESPACE] = reserved;
  }
  return own;
}
