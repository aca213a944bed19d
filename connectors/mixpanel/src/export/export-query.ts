/** What one Raw Event Export call asks for (docs: openapi/export.openapi.yaml, GET /export). */
export interface ExportQuery {
  /** yyyy-mm-dd, inclusive, in the project's export timezone. */
  fromDate: string;
  /** yyyy-mm-dd, inclusive; Mixpanel answers 400 when it is later than its "today". */
  toDate: string;
  /** Only these event names (sent as a JSON array). */
  events?: readonly string[];
  /** A Mixpanel segmentation expression, e.g. `properties["plan"] == "pro"`; evaluated by Mixpanel. */
  where?: string;
  /** At most this many events (Mixpanel caps it at 100,000). */
  limit?: number;
}

export const EXPORT_PATH = '/api/2.0/export';

/** The query string of an export call. Millisecond timestamps: fewer events share a timestamp. */
export function exportSearchParams(projectId: number, query: ExportQuery): URLSearchParams {
  const params = new URLSearchParams({
    project_id: String(projectId),
    from_date: query.fromDate,
    to_date: query.toDate,
    time_in_ms: 'true',
  });
  if (query.events && query.events.length > 0) params.set('event', JSON.stringify(query.events));
  if (query.where) params.set('where', query.where);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  return params;
}
