import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { TRIPLINE_CONFIG } from '../config/config.module';
import { TriplineConfig } from '../config/tripline-config';
import { deriveKey } from '../crypto/derive-key';

/** Who unsubscribes from what: the recipient of one outreach message of one run. */
export interface UnsubscribeClaim {
  workspaceId: string;
  /** Lower-cased. */
  email: string;
  runId: string;
  /** The outreach step's ledger key: which message the link came in. */
  key: string;
}

export class UnsubscribeTokenError extends Error {}

const MAX_TOKEN_LENGTH = 4096;
const VERSION = 'v1';
const payloadSchema = z.object({ v: z.literal(1), w: z.string().min(1), e: z.string().min(3), r: z.string().min(1), k: z.string().min(1) });

/**
 * Unsubscribe links carry everything they act on, signed: `<payload>.<signature>`, the payload
 * base64url JSON, the signature HMAC-SHA256 (key derived from TRIPLINE_SECRET_KEY for this purpose
 * only) over the version and the payload. No expiry: a link in an old email must keep working
 * (CAN-SPAM asks for 30 days at least). Changing the secret key invalidates every link sent before.
 */
@Injectable()
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(@Inject(TRIPLINE_CONFIG) config: Pick<TriplineConfig, 'secretKey'>) {
    this.key = deriveKey(config.secretKey, 'tripline:unsubscribe-token:v1');
  }

  sign(claim: UnsubscribeClaim): string {
    const payload = Buffer.from(JSON.stringify({ v: 1, w: claim.workspaceId, e: claim.email, r: claim.runId, k: claim.key }), 'utf8').toString('base64url');
    return `${payload}.${this.signature(payload).toString('base64url')}`;
  }

  /** The claim of a genuine token; throws UnsubscribeTokenError saying what is wrong otherwise. */
  verify(token: string): UnsubscribeClaim {
    if (token.length > MAX_TOKEN_LENGTH) throw new UnsubscribeTokenError('This unsubscribe link is too long to be one of ours.');
    const parts = token.split('.');
    if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]+$/.test(parts[1]!)) {
      throw new UnsubscribeTokenError('This unsubscribe link is incomplete or malformed. Open the link from the email again, without changing it.');
    }
    const [payload, signature] = parts as [string, string];
    const expected = this.signature(payload);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new UnsubscribeTokenError('This unsubscribe link is not valid: it was changed, or it was not issued by this server.');
    }
    let parsed: z.output<typeof payloadSchema>;
    try {
      parsed = payloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    } catch {
      // Signed by us but unreadable: only a future token format could do this.
      throw new UnsubscribeTokenError('This unsubscribe link has a format this server does not understand.');
    }
    return { workspaceId: parsed.w, email: parsed.e, runId: parsed.r, key: parsed.k };
  }

  private signature(payload: string): Buffer {
    return createHmac('sha256', this.key).update(`${VERSION}.${payload}`).digest();
  }
}
