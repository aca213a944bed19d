/** Segment's documented request limits: 32 KB per call (and per batch item), 500 KB per batch. */
export const MAX_EVENT_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;
