import { defineAction, type EmailOutreachHooks } from '@tripline/connector-sdk';
import { z } from 'zod';
import { listUnsubscribeHeaders } from '../outreach/list-unsubscribe';
import { createSmtpTransport } from '../smtp/create-transport';
import { hardBouncesOf } from '../smtp/hard-bounces';
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

const listOf = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Every address the message goes to (To, Cc and Bcc): the suppression list is checked against all of them. */
export function recipientsOf(input: SendEmailInput): string[] {
  return [...listOf(input.to), ...listOf(input.cc), ...listOf(input.bcc)];
}

/** Hard bounces go on the suppression list before the step reports anything. */
async function reportHardBounces(outreach: EmailOutreachHooks | undefined, rejectedErrors: unknown): Promise<void> {
  const bounces = hardBouncesOf(rejectedErrors);
  if (outreach && bounces.length > 0) await outreach.suppress(bounces);
}

export const sendEmailAction = defineAction({
  auth: smtpAuth,
  name: 'send',
  displayName: 'Send email',
  description:
    'Sends one email over SMTP. Subject, text and html are Liquid templates (values inserted into html are escaped). ' +
    'Outreach carries List-Unsubscribe (one-click); suppressed recipients are never sent to. Its Message-ID is derived from the step.',
  effect: 'write',
  // A sent email cannot be unsent: compensation reports it as "cannot be undone".
  irreversible: true,
  outreach: 'email',
  recipients: recipientsOf,
  htmlInputs: ['html'],
  input: sendEmailInput,
  output: sendEmailOutput,
  async run({ auth: config, input, idempotencyKey, signal, emailOutreach }) {
    const headers = emailOutreach ? listUnsubscribeHeaders(emailOutreach.unsubscribe) : undefined;
    const transport = createSmtpTransport(config);
    const abort = () => transport.close();
    signal?.addEventListener('abort', abort, { once: true });
    let info: Awaited<ReturnType<typeof transport.sendMail>>;
    try {
      if (signal?.aborted) throw new Error('The send was cancelled before it started');
      info = await transport.sendMail({
        from: input.from ?? config.from,
        to: input.to,
        cc: input.cc,
        bcc: input.bcc,
        replyTo: input.replyTo,
        subject: input.subject,
        text: input.text,
        html: input.html,
        messageId: messageIdFor(idempotencyKey),
        headers,
      });
    } catch (error) {
      // Every recipient refused: nothing was sent; the permanently refused go on the list.
      await reportHardBounces(emailOutreach, (error as { rejectedErrors?: unknown } | null)?.rejectedErrors);
      throw toConnectorError(error);
    } finally {
      signal?.removeEventListener('abort', abort);
      transport.close();
    }
    // Some recipients refused, the others got the message: the step succeeded, the refused go on the list.
    await reportHardBounces(emailOutreach, (info as { rejectedErrors?: unknown }).rejectedErrors);
    return {
      messageId: info.messageId,
      accepted: addressesOf(info.accepted),
      rejected: addressesOf(info.rejected),
    };
  },
});
