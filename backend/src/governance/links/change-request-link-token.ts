import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { deriveKey } from '../../crypto/derive-key';

/** Who a link was made for and until when: one approver, one request, one workspace. */
export interface ChangeRequestLinkClaim {
  workspaceId: string;
  requestId: string;
  userId: string;
  expiresAt: Date;
}

/** Why a link was refused: `malformed` is bad input, `forged` and `expired` are refusals. */
export class ChangeRequestLinkError extends Error {
  constructor(
    readonly reason: 'malformed' | 'forged' | 'expired',
    message: string,
  ) {
    super(message);
  }
}

const MAX_TOKEN_LENGTH = 2048;
const VERSION = 'v1';
const payloadSchema = z.object({ v: z.literal(1), w: z.string().min(1), r: z.string().min(1), u: z.string().min(1), x: z.number().int().positive() });

/**
 * Signed, expiring tokens of the links in approver emails: `<payload>.<signature>`, the payload
 * base64url JSON of workspace, request, user and expiry, the signature HMAC-SHA256 with a key derived
 * from TRIPLINE_SECRET_KEY for this purpose only, compared in constant time. The token is not a
 * credential on its own: the designer opens it for a signed-in user, and only for the user it names.
 */
export class ChangeRequestLinkTokens {
  private readonly key: Buffer;

  constructor(secretKey: Buffer) {
    this.key = deriveKey(secretKey, 'tripline:change-request-link:v1');
  }

  sign(claim: ChangeRequestLinkClaim): string {
    const body = { v: 1, w: claim.workspaceId, r: claim.requestId, u: claim.userId, x: claim.expiresAt.getTime() };
    const payload = Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
    return `${payload}.${this.signature(payload).toString('base64url')}`;
  }

  /** The claim of a genuine, unexpired token; throws ChangeRequestLinkError saying what is wrong otherwise. */
  verify(token: string, now: Date = new Date()): ChangeRequestLinkClaim {
    if (token.length > MAX_TOKEN_LENGTH) throw new ChangeRequestLinkError('malformed', 'token: too long to be an approval link of this server');
    const parts = token.split('.');
    if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]+$/.test(parts[1]!)) {
      throw new ChangeRequestLinkError('malformed', 'token: incomplete or malformed; open the link from the email again, without changing it');
    }
    const [payload, signature] = parts as [string, string];
    const expected = this.signature(payload);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ChangeRequestLinkError('forged', 'This approval link is not valid: it was changed, or it was not issued by this server');
    }
    let parsed: z.output<typeof payloadSchema>;
    try {
      parsed = payloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    } catch {
      throw new ChangeRequestLinkError('malformed', 'token: a link format this server does not understand');
    }
    const expiresAt = new Date(parsed.x);
    if (now.getTime() >= parsed.x) {
      throw new ChangeRequestLinkError('expired', `This approval link expired at ${expiresAt.toISOString()}: open the request from the approvals inbox instead`);
    }
    return { workspaceId: parsed.w, requestId: parsed.r, userId: parsed.u, expiresAt };
  }

  private signature(payload: string): Buffer {
    return createHmac('sha256', this.key).update(`${VERSION}.${payload}`).digest();
  }
}

/** `<designerUrl>/approvals/change-requests/<id>?token=<token>`: where an approver email's link points. */
export function changeRequestLink(designerUrl: string, requestId: string, token: string): string {
  return `${designerUrl}/approvals/change-requests/${encodeURIComponent(requestId)}?token=${encodeURIComponent(token)}`;
}
