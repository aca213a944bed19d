import { createPrivateKey, sign } from 'node:crypto';

/** Salesforce rejects assertions whose `exp` is more than three minutes away. */
export const ASSERTION_LIFETIME_SECONDS = 180;

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export interface JwtAssertionClaims {
  /** The connected app's consumer key. */
  iss: string;
  /** The username the integration acts as. */
  sub: string;
  /** The login URL the assertion is posted to (login.salesforce.com, test.salesforce.com, a community). */
  aud: string;
}

/**
 * The assertion of Salesforce's OAuth 2.0 JWT bearer flow: `{"alg":"RS256"}` header, iss / sub / aud /
 * exp claims, signed with RSA-SHA256 by the private key whose certificate the connected app holds.
 */
export function signJwtAssertion(claims: JwtAssertionClaims, privateKeyPem: string, nowMs: number = Date.now()): string {
  const header = base64url(JSON.stringify({ alg: 'RS256' }));
  const payload = base64url(JSON.stringify({ ...claims, exp: Math.floor(nowMs / 1000) + ASSERTION_LIFETIME_SECONDS }));
  const signingInput = `${header}.${payload}`;
  const signature = sign('RSA-SHA256', Buffer.from(signingInput), createPrivateKey(privateKeyPem));
  return `${signingInput}.${base64url(signature)}`;
}
