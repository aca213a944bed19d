import type { ChangeImpact } from '@tripline/playbook';
import { changeNotificationMessage, impactHeadline, type ChangeNotificationFacts } from './change-notification-message';

const impact: ChangeImpact = {
  from: '2030-01-01T00:00:00.000Z',
  to: '2030-01-29T00:00:00.000Z',
  firesPerWeek: { before: 12, after: 18.25 },
  newSubjects: { count: 3, sample: [] },
  droppedSubjects: { count: 0, sample: [] },
  outreach: { perWeek: { before: 12, after: 18 }, byChannel: [], caps: [] },
  precision: { before: null, after: null },
  recall: { before: null, after: null },
  revenueShareAffected: 4.24,
  pipelineValueAffected: 0,
  tiers: [],
  notes: ['no outcome events in range'],
};

const facts: ChangeNotificationFacts = {
  requestId: 'req-1',
  attempt: 2,
  level: 0,
  reason: 'opened',
  sequence: 0,
  title: 'Raise <b>threshold</b>\r\nBcc: evil@example.com',
  changeReason: 'Too many "hot" leads & noise',
  kind: 'changeThreshold',
  targetKind: 'playbook',
  targetName: 'Hot <leads>',
  requesterName: 'Ed',
  levelName: 'Approval',
  approvals: 0,
  required: 2,
  summary: ['Trigger: score threshold 71 → 80', '<script>alert(1)</script>'],
  impact,
  recipient: { userId: 'user-9', email: 'ann@example.test', name: 'Ann' },
  link: 'https://designer.example/approvals/change-requests/req-1?token=a.b&x=1',
  linkExpiresAt: new Date('2030-02-01T10:30:00Z'),
};

describe('changeNotificationMessage', () => {
  it('addresses one approver under the ledger key of this notification', () => {
    const message = changeNotificationMessage(facts);
    expect(message).toMatchObject({ key: 'change:req-1:2:0:opened:0:user-9', userId: 'user-9', to: 'ann@example.test' });
  });

  it('keeps the subject on one line and varies it for reminders and escalations', () => {
    expect(changeNotificationMessage(facts).subject).toBe('Approval needed: Raise <b>threshold</b> Bcc: evil@example.com');
    expect(changeNotificationMessage({ ...facts, reason: 'reminder', sequence: 3 })).toMatchObject({ subject: expect.stringMatching(/^Reminder: approval needed: /), key: 'change:req-1:2:0:reminder:3:user-9' });
    expect(changeNotificationMessage({ ...facts, reason: 'escalated' }).text).toContain("Ed's change was not decided in time and has been escalated to you.");
  });

  it('says what changes, the impact and the link in text', () => {
    const { text } = changeNotificationMessage(facts);
    expect(text).toContain('Change a trigger threshold of playbook "Hot <leads>"');
    expect(text).toContain('Level "Approval": 0 of 2 approvals so far');
    expect(text).toContain('- Trigger: score threshold 71 → 80');
    expect(text).toContain('Fires per week 12 → 18.3 · revenue share affected 4.2 % · 3 new, 0 dropped');
    expect(text).toContain('Note: no outcome events in range');
    expect(text).toContain(`Review and decide: ${facts.link}`);
    expect(text).toContain('expires 2030-02-01 10:30 UTC');
  });

  it('escapes every piece of user text in the HTML', () => {
    const { html } = changeNotificationMessage(facts);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Hot &lt;leads&gt;');
    expect(html).toContain('Too many &quot;hot&quot; leads &amp; noise');
    expect(html).toContain('href="https://designer.example/approvals/change-requests/req-1?token=a.b&amp;x=1"');
  });

  it('caps the diff lines', () => {
    const summary = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const { text } = changeNotificationMessage({ ...facts, summary });
    expect(text).toContain('- line 11');
    expect(text).not.toContain('- line 12');
    expect(text).toContain('- … and 8 more');
  });
});

describe('impactHeadline', () => {
  it('says when there is no impact', () => {
    expect(impactHeadline(null)).toBe('Impact: not computed');
  });
});
