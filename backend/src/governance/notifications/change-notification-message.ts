import type { ChangeImpact, ChangeKind, ChangeNotificationMessage, ChangeNotificationsRequest, ChangeTargetKind } from '@tripline/playbook';

/** Everything one approver's email says. */
export interface ChangeNotificationFacts {
  requestId: string;
  attempt: number;
  level: number;
  reason: ChangeNotificationsRequest['reason'];
  sequence: number;
  title: string;
  changeReason: string | null;
  kind: ChangeKind;
  targetKind: ChangeTargetKind;
  targetName: string;
  requesterName: string;
  levelName: string;
  approvals: number;
  required: number;
  summary: readonly string[];
  impact: ChangeImpact | null;
  recipient: { userId: string; email: string; name: string | null };
  link: string;
  linkExpiresAt: Date;
}

/** At most this many diff lines in an email; the designer shows the rest. */
const MAX_SUMMARY_LINES = 12;

const KIND_WORDS: Record<ChangeKind, string> = {
  publishPlaybook: 'Publish a new version of',
  publishScoringModel: 'Publish a new version of',
  changeThreshold: 'Change a trigger threshold of',
  rollback: 'Roll back',
};

/** `change:<requestId>:<attempt>:<level>:<reason>:<sequence>:<userId>`: the ledger key that sends each email once. */
export function notificationKey(facts: Pick<ChangeNotificationFacts, 'requestId' | 'attempt' | 'level' | 'reason' | 'sequence'>, userId: string): string {
  return `change:${facts.requestId}:${facts.attempt}:${facts.level}:${facts.reason}:${facts.sequence}:${userId}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** One line, no control characters: user text in a mail header must not be able to add headers. */
function headerText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

function number(value: number): string {
  return String(Number(value.toFixed(value >= 100 ? 0 : 1)));
}

/** "Fires per week 12 → 18 · revenue share affected 4.2 % (pipeline 120000)": the impact in one line. */
export function impactHeadline(impact: ChangeImpact | null): string {
  if (!impact) return 'Impact: not computed';
  const parts = [
    `Fires per week ${number(impact.firesPerWeek.before)} → ${number(impact.firesPerWeek.after)}`,
    `revenue share affected ${number(impact.revenueShareAffected)} %`,
  ];
  if (impact.pipelineValueAffected > 0) parts.push(`pipeline value affected ${number(impact.pipelineValueAffected)}`);
  if (impact.newSubjects.count > 0 || impact.droppedSubjects.count > 0) parts.push(`${impact.newSubjects.count} new, ${impact.droppedSubjects.count} dropped`);
  return parts.join(' · ');
}

function subjectOf(facts: ChangeNotificationFacts): string {
  const title = headerText(facts.title);
  switch (facts.reason) {
    case 'opened':
      return `Approval needed: ${title}`;
    case 'reminder':
      return `Reminder: approval needed: ${title}`;
    case 'escalated':
      return `Escalated: approval needed: ${title}`;
  }
}

function opening(facts: ChangeNotificationFacts): string {
  switch (facts.reason) {
    case 'opened':
      return `${facts.requesterName} asks for your approval.`;
    case 'reminder':
      return `A reminder: ${facts.requesterName}'s change is still waiting for approval.`;
    case 'escalated':
      return `${facts.requesterName}'s change was not decided in time and has been escalated to you.`;
  }
}

/**
 * The email one approver gets for one notification of a request's level: subject `Approval needed:
 * <title>` (or its reminder / escalated variant), a text and an HTML body with the change, the diff's
 * summary lines, the impact headline and the signed link. Every piece of user text is escaped in the
 * HTML. Pure.
 */
export function changeNotificationMessage(facts: ChangeNotificationFacts): ChangeNotificationMessage {
  const target = `${facts.targetKind === 'playbook' ? 'playbook' : 'scoring model'} "${facts.targetName}"`;
  const what = `${KIND_WORDS[facts.kind]} ${target}`;
  const level = `Level "${facts.levelName}": ${facts.approvals} of ${facts.required} approval${facts.required === 1 ? '' : 's'} so far`;
  const lines = facts.summary.slice(0, MAX_SUMMARY_LINES);
  const more = facts.summary.length - lines.length;
  const headline = impactHeadline(facts.impact);
  const notes = facts.impact?.notes ?? [];
  const expires = facts.linkExpiresAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const greeting = `Hi ${facts.recipient.name ?? facts.recipient.email},`;

  const text = [
    greeting,
    '',
    opening(facts),
    '',
    facts.title,
    what,
    ...(facts.changeReason ? [`Reason: ${facts.changeReason}`] : []),
    level,
    '',
    'What changes:',
    ...lines.map((line) => `- ${line}`),
    ...(more > 0 ? [`- … and ${more} more`] : []),
    '',
    headline,
    ...notes.map((note) => `Note: ${note}`),
    '',
    `Review and decide: ${facts.link}`,
    `This link is for you only and expires ${expires}.`,
  ].join('\n');

  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(opening(facts))}</p>`,
    `<p><strong>${escapeHtml(facts.title)}</strong><br>${escapeHtml(what)}</p>`,
    ...(facts.changeReason ? [`<p>Reason: ${escapeHtml(facts.changeReason)}</p>`] : []),
    `<p>${escapeHtml(level)}</p>`,
    '<p>What changes:</p>',
    `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}${more > 0 ? `<li>… and ${more} more</li>` : ''}</ul>`,
    `<p>${escapeHtml(headline)}</p>`,
    ...notes.map((note) => `<p><em>${escapeHtml(note)}</em></p>`),
    `<p><a href="${escapeHtml(facts.link)}">Review and decide</a></p>`,
    `<p style="color:#666">This link is for you only and expires ${escapeHtml(expires)}.</p>`,
  ].join('\n');

  return {
    key: notificationKey(facts, facts.recipient.userId),
    userId: facts.recipient.userId,
    to: facts.recipient.email,
    subject: subjectOf(facts),
    text,
    html,
  };
}
