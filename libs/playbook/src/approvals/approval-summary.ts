import type { EvaluationContext } from '../dsl/types';
import type { RunSubject } from '../run-types';

/** What an approver sees of the run's context: who the subject is and what enrolled them. */
export interface ApprovalContextSummary {
  /** One line, e.g. "person ann@example.com (Ann Lee) · account Acme · event Trial Started". */
  text: string;
  subject: RunSubject & { label: string };
  event?: string;
  person?: { email?: string; name?: string };
  account?: { name?: string; domain?: string };
}

const MAX_PART = 200;

function text(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const trimmed = String(value).trim();
  return trimmed === '' ? undefined : trimmed.slice(0, MAX_PART);
}

function personName(traits: Record<string, unknown>): string | undefined {
  const full = text(traits['name']);
  if (full) return full;
  const parts = [text(traits['firstName']), text(traits['lastName'])].filter((part) => part !== undefined);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/**
 * The context summary stored with an approval request. Built from plain trait values only (no
 * templates, nothing evaluated), so it is safe to show as it is.
 */
export function approvalContextSummary(subject: RunSubject, context: EvaluationContext): ApprovalContextSummary {
  const personTraits = context.person?.traits ?? {};
  const accountTraits = context.account?.traits ?? {};
  const person = context.person ? { email: text(personTraits['email']), name: personName(personTraits) } : undefined;
  const account = context.account ? { name: text(accountTraits['name']), domain: text(accountTraits['domain']) } : undefined;
  const event = text(context.event?.name);

  const personLabel = person ? [person.email, person.name && person.email ? `(${person.name})` : person.name].filter(Boolean).join(' ') : '';
  const accountLabel = account ? (account.name ?? account.domain ?? '') : '';
  const label = (subject.kind === 'person' ? personLabel : accountLabel) || subject.id;

  const parts = [`${subject.kind} ${label}`];
  if (subject.kind === 'person' && accountLabel) parts.push(`account ${accountLabel}`);
  if (subject.kind === 'account' && personLabel) parts.push(`person ${personLabel}`);
  if (event) parts.push(`event ${event}`);

  return {
    text: parts.join(' · '),
    subject: { ...subject, label },
    ...(event ? { event } : {}),
    ...(person ? { person: withoutUndefined(person) } : {}),
    ...(account ? { account: withoutUndefined(account) } : {}),
  };
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, each]) => each !== undefined)) as T;
}
