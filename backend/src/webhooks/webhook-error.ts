/** A refused webhook call: the status and a message that tells the sender (or its admin) what to fix. */
export class WebhookError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 413,
    message: string,
  ) {
    super(message);
  }
}
