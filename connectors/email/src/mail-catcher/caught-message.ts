import { randomUUID } from 'node:crypto';
import type { AddressObject, ParsedMail } from 'mailparser';

/** A message the mail catcher received, as the API returns it and the store keeps it. */
export interface CaughtMessage {
  id: string;
  messageId: string | null;
  from: string;
  /** Addresses in the To header. */
  to: string[];
  cc: string[];
  /** Every RCPT TO of the SMTP envelope, including Bcc recipients. */
  envelopeTo: string[];
  subject: string;
  text: string | null;
  html: string | null;
  /**
   * Every header as received (name lower-cased, folded lines joined; a repeated header keeps the
   * last value), e.g. `list-unsubscribe`. Absent on messages stored by versions before it was kept.
   */
  headers?: Record<string, string>;
  receivedAt: string;
}

function rawHeaders(parsed: ParsedMail): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    const colon = line.indexOf(':');
    headers[key] = line.slice(colon + 1).replace(/\r?\n(?=[ \t])/g, '').trim();
  }
  return headers;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((object) => object.value.map((entry) => entry.address ?? '').filter(Boolean));
}

export function toCaughtMessage(parsed: ParsedMail, envelopeTo: string[], receivedAt: Date): CaughtMessage {
  return {
    id: randomUUID(),
    messageId: parsed.messageId ?? null,
    from: parsed.from?.text ?? '',
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    envelopeTo,
    subject: parsed.subject ?? '',
    text: parsed.text ?? null,
    html: typeof parsed.html === 'string' ? parsed.html : null,
    headers: rawHeaders(parsed),
    receivedAt: receivedAt.toISOString(),
  };
}
