/** A rejected ingest request: the HTTP status and the JSON body that names the problem. */
export class IngestError extends Error {
  constructor(
    readonly status: 400 | 401 | 415,
    message: string,
    readonly details: { field?: string; limit?: string; index?: number; issues?: { field: string; message: string }[] } = {},
  ) {
    super(message);
  }

  get body(): Record<string, unknown> {
    return { success: false, error: this.message, ...this.details };
  }
}
