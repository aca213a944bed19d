import { randomBytes } from 'node:crypto';
import { changeRequestLink, ChangeRequestLinkError, ChangeRequestLinkTokens } from './change-request-link-token';

const claim = { workspaceId: 'ws-1', requestId: 'req-1', userId: 'user-1', expiresAt: new Date('2030-01-02T00:00:00Z') };
const before = new Date('2030-01-01T00:00:00Z');

function refusal(action: () => unknown): ChangeRequestLinkError {
  try {
    action();
  } catch (error) {
    if (error instanceof ChangeRequestLinkError) return error;
    throw error;
  }
  throw new Error('expected a ChangeRequestLinkError');
}

describe('ChangeRequestLinkTokens', () => {
  const tokens = new ChangeRequestLinkTokens(randomBytes(32));

  it('gives the claim back for a genuine token before it expires', () => {
    expect(tokens.verify(tokens.sign(claim), before)).toEqual(claim);
  });

  it('refuses an expired token, naming when it expired', () => {
    const error = refusal(() => tokens.verify(tokens.sign(claim), new Date('2030-01-02T00:00:00Z')));
    expect(error.reason).toBe('expired');
    expect(error.message).toContain('2030-01-02T00:00:00.000Z');
  });

  it('refuses a token whose payload was changed (another user) or signed with another key', () => {
    const token = tokens.sign(claim);
    const [, signature] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ v: 1, w: 'ws-1', r: 'req-1', u: 'attacker', x: claim.expiresAt.getTime() })).toString('base64url');
    expect(refusal(() => tokens.verify(`${otherPayload}.${signature}`, before)).reason).toBe('forged');
    const stranger = new ChangeRequestLinkTokens(randomBytes(32));
    expect(refusal(() => tokens.verify(stranger.sign(claim), before)).reason).toBe('forged');
  });

  it('calls garbage malformed', () => {
    expect(refusal(() => tokens.verify('not-a-token', before)).reason).toBe('malformed');
    expect(refusal(() => tokens.verify('a.b.c', before)).reason).toBe('malformed');
    expect(refusal(() => tokens.verify('x'.repeat(5000), before)).reason).toBe('malformed');
  });
});

describe('changeRequestLink', () => {
  it('points at the request page of the designer with the token as a query parameter', () => {
    expect(changeRequestLink('https://designer.example', 'req 1', 'a.b')).toBe('https://designer.example/approvals/change-requests/req%201?token=a.b');
  });
});
