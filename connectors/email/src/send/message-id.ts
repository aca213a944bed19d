import { createHash } from 'node:crypto';

/**
 * The Message-ID of the email a step sends, derived from the step's idempotency key: a message
 * sent again by a retry carries the same id, so mail servers and people can recognise it.
 */
export function messageIdFor(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex')}@tripline>`;
}
