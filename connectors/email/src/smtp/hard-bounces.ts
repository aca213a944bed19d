import type { SuppressionReport } from '@tripline/connector-sdk';

/** One refused recipient as nodemailer reports it (`rejectedErrors`). */
interface RecipientError {
  recipient?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

// 530/535 are about our login, not about the recipient.
const NOT_ABOUT_THE_RECIPIENT = new Set([530, 535]);

/**
 * Hard bounces among the recipients the server refused: a permanent (5xx) reply to RCPT TO says
 * the address does not take mail (RFC 5321 §4.2.1), so sending again would only bounce again and
 * hurt the sender's reputation. 4xx replies are temporary and never suppress.
 */
export function hardBouncesOf(rejectedErrors: unknown): SuppressionReport[] {
  if (!Array.isArray(rejectedErrors)) return [];
  return (rejectedErrors as RecipientError[])
    .filter(
      (error) =>
        typeof error.recipient === 'string' &&
        error.command === 'RCPT TO' &&
        error.responseCode !== undefined &&
        error.responseCode >= 500 &&
        !NOT_ABOUT_THE_RECIPIENT.has(error.responseCode),
    )
    .map((error) => ({ email: error.recipient!, reason: 'hardBounce' as const, detail: (error.response ?? `${error.responseCode}`).slice(0, 500) }));
}
