import { defineAction } from '@tripline/connector-sdk';
import { z } from 'zod';
import { createSmtpTransport } from '../smtp/create-transport';
import { toConnectorError } from '../smtp/smtp-errors';
import { smtpAuth } from '../smtp/smtp-auth';
import { messageIdFor } from './message-id';

// `.trim().email()` (not z.email()) so the rendered " ann@example.com " is trimmed before the check.
const emailAddress = z.string().trim().email('Invalid email address');
const recipients = z.union([emailAddress, z.array(emailAddress).min(1, 'Give at least one recipient')]);

export const sendEmailInput = z
  .object({
    to: recipients,
    subject: z.string().trim().min(1, 'A subject is required').max(998, 'The subject is longer than 998 characters'),
    text: z.string().optional(),
    html: z.string().optional(),
    /** Overrides the connection's default sender, e.g. "Ann from Acme <ann@acme.com>". */
    from: z.string().trim().min(1).optional(),
    replyTo: emailAddress.optional(),
    cc: recipients.optional(),
    bcc: recipients.optional(),
  })
  .refine((input) => Boolean(input.text?.trim() || input.html?.trim()), {
    message: 'Give a text or an html body (or both)',
    path: ['text'],
  });

export const sendEmailOutput = z.object({
  messageId: z.string(),
  accepted: z.array(z.string()),
  rejected: z.array(z.string()),
});

export type SendEmailInput = z.output<typeof sendEmailInput>;
export type SendEmailOutput = z.output<typeof sendEmailOutput>;

function addressesOf(list: (string | { address: string })[] | undefined): string[] {
  return (list ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.address));
}

export const sendEmailAction = defineAction({
  auth: smtpAuth,
  name: 'send',
  displayName: 'Send email',
  description: 'Sends one email over SMTP. Its Message-ID is derived from the step, so a resend is recognisable.',
  effect: 'write',
  // A sent email cannot be unsent: compensation reports it as "cannot be undone".
  irreversible: true,
  outreach: 'email',
  input: sendEmailInput,
  output: sendEmailOutput,
  async run({ auth: config, input, idempotencyKey, signal }) {
    const transport = createSmtpTransport(config);
    const abort = () => transport.close();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      if (signal?.aborted) throw new Error('The send was cancelled before it started');
      const info = await transport.sendMail({
        from: input.from ?? config.from,
        to: input.to,
        cc: input.cc,
        bcc: input.bcc,
        replyTo: input.replyTo,
        subject: input.subject,
        text: input.text,
        html: input.html,
        messageId: messageIdFor(idempotencyKey),
      });
      return {
        messageId: info.messageId,
        accepted: addressesOf(info.accepted),
        rejected: addressesOf(info.rejected),
      };
    } catch (error) {
      throw toConnectorError(error);
    } finally {
      signal?.removeEventListener('abort', abort);
      transport.close();
    }
  },
});
