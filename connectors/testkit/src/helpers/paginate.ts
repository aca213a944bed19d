export interface Page<T> {
  items: T[];
  /** The cursor of the next page; undefined on the last page. */
  nextCursor: string | undefined;
  total: number;
}

/**
 * One page of `items` from an opaque cursor (the offset as a string, as HubSpot's `after` is).
 * No cursor means the first page. Throws a RangeError naming the cursor when it is not one this
 * function handed out, so a fake can answer the vendor's 400.
 */
export function paginate<T>(items: readonly T[], cursor: string | null | undefined, pageSize: number): Page<T> {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`paginate: pageSize must be a positive integer, got ${pageSize}`);
  let offset = 0;
  if (cursor !== undefined && cursor !== null && cursor !== '') {
    if (!/^\d+$/.test(cursor) || Number(cursor) > items.length) throw new RangeError(`paginate: invalid cursor '${cursor}'`);
    offset = Number(cursor);
  }
  const end = offset + pageSize;
  return {
    items: items.slice(offset, end),
    nextCursor: end < items.length ? String(end) : undefined,
    total: items.length,
  };
}
