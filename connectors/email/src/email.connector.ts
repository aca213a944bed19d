import { defineConnector } from '@tripline/connector-sdk';
import { sendEmailAction } from './send/send-email.action';
import { smtpAuth } from './smtp/smtp-auth';

/**
 * The global send rate: every worker's email activities share one task queue held to this rate by
 * the Temporal server. Ten a second suits a small SMTP relay; the worker's
 * TRIPLINE_EMAIL_RATE_PER_SECOND overrides it for a bigger (or stricter) one.
 */
export const EMAIL_SENDS_PER_SECOND = 10;

export const emailConnector = defineConnector({
  name: 'email',
  version: '0.1.0',
  displayName: 'Email (SMTP)',
  auth: smtpAuth,
  actions: [sendEmailAction],
  rateLimit: { perSecond: EMAIL_SENDS_PER_SECOND },
});
