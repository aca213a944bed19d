import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import type { FakeRequest, FakeResponse } from '@tripline/connector-testkit';
import type { FakeOrg } from './fake-org';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface FakeOAuthSettings {
  clientId: string;
  /** Required with the refresh token grant when set (a connected app's default). */
  clientSecret?: string;
  refreshToken: string;
  /** The JWT bearer flow: the connected app's certificate key and the pre-authorized user. */
  jwt?: { publicKey: string | KeyObject; username: string };
}

/** Access tokens the fake issued and still honours. */
export class FakeSessions {
  private readonly live = new Set<string>();
  readonly issued: { grant: string; token: string }[] = [];

  issue(org: FakeOrg, grant: string): string {
    const token = `${org.orgId.slice(0, 15)}!AQ${randomBytes(24).toString('base64url')}`;
    this.live.add(token);
    this.issued.push({ grant, token });
    return token;
  }

  private refusals = 0;

  /** Whether a REST call with this token is let in (each call counts against `refuseNext`). */
  isLive(token: string | undefined): boolean {
    if (this.refusals > 0) {
      this.refusals -= 1;
      return false;
    }
    return token !== undefined && this.live.has(token);
  }

  /** The next `calls` REST calls get INVALID_SESSION_ID whatever their token (a session revoked as soon as issued). */
  refuseNext(calls: number): void {
    this.refusals += calls;
  }

  /** Ends every session (as a timeout or a revoked app does): the next call gets INVALID_SESSION_ID. */
  expireAll(): void {
    this.live.clear();
  }
}

const oauthError = (error: string, description: string): FakeResponse => ({
  status: 400,
  body: { error, error_description: description },
});

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * POST /services/oauth2/token, form-encoded: `grant_type=refresh_token` (client_id, client_secret,
 * refresh_token) and the JWT bearer grant (an RS256 assertion checked against the connected app's
 * certificate key: signature, iss = consumer key, sub = the authorized user, aud = the login URL,
 * exp in the future and at most 3 minutes away). Refusals are 400 `{error, error_description}`.
 */
export function tokenEndpoint(org: FakeOrg, sessions: FakeSessions, settings: FakeOAuthSettings, loginUrl: () => string) {
  return (request: FakeRequest): FakeResponse => {
    const form = (request.body ?? {}) as Record<string, string>;
    const grant = form.grant_type;
    const answer = (token: string, extra: Record<string, unknown> = {}): FakeResponse => ({
      status: 200,
      body: {
        access_token: token,
        ...extra,
        scope: 'api',
        instance_url: loginUrl(),
        id: `${loginUrl()}/id/${org.orgId}/${org.integrationUserId}`,
        token_type: 'Bearer',
        issued_at: String(org.now()),
      },
    });

    if (grant === 'refresh_token') {
      if (form.client_id !== settings.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
      if (settings.clientSecret !== undefined && form.client_secret !== settings.clientSecret) return oauthError('invalid_client', 'invalid client credentials');
      if (form.refresh_token !== settings.refreshToken) return oauthError('invalid_grant', 'expired access/refresh token');
      return answer(sessions.issue(org, 'refresh_token'), { signature: randomBytes(32).toString('base64') });
    }

    if (grant === JWT_BEARER_GRANT) {
      if (!settings.jwt) return oauthError('invalid_grant', 'invalid assertion');
      const parts = (form.assertion ?? '').split('.');
      if (parts.length !== 3) return oauthError('invalid_grant', 'invalid assertion');
      const [header, claims] = [decodeSegment(parts[0]!), decodeSegment(parts[1]!)];
      if (!header || !claims || header.alg !== 'RS256') return oauthError('invalid_grant', 'invalid assertion');
      const signed = verify(
        'RSA-SHA256',
        Buffer.from(`${parts[0]}.${parts[1]}`),
        createPublicKey(settings.jwt.publicKey),
        Buffer.from(parts[2]!, 'base64url'),
      );
      if (!signed) return oauthError('invalid_grant', 'invalid assertion');
      if (claims.iss !== settings.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
      if (claims.aud !== loginUrl()) return oauthError('invalid_grant', 'audience is invalid');
      if (claims.sub !== settings.jwt.username) return oauthError('invalid_grant', "user hasn't approved this consumer");
      const nowSeconds = Math.floor(org.now() / 1000);
      if (typeof claims.exp !== 'number' || claims.exp < nowSeconds || claims.exp > nowSeconds + 180 + 5) {
        return oauthError('invalid_grant', 'expired authorization code');
      }
      return answer(sessions.issue(org, 'jwt-bearer'));
    }

    return oauthError('unsupported_grant_type', 'grant type not supported');
  };
}
