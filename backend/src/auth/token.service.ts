import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

/** What a login token says: who, and in which workspace. The role is deliberately not in it. */
export interface TokenClaims {
  userId: string;
  workspaceId: string;
}

interface JwtPayload {
  sub: string;
  wid: string;
}

export const TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

/** Signs and checks login tokens (HS256, key derived for this purpose only; see auth.module.ts). */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  sign(claims: TokenClaims): Promise<string> {
    const payload: JwtPayload = { sub: claims.userId, wid: claims.workspaceId };
    return this.jwt.signAsync(payload);
  }

  /** The claims of a valid, unexpired token; undefined for anything else. */
  async verify(token: string): Promise<TokenClaims | undefined> {
    try {
      const payload = await this.jwt.verifyAsync<Partial<JwtPayload>>(token);
      if (typeof payload.sub !== 'string' || typeof payload.wid !== 'string') return undefined;
      return { userId: payload.sub, workspaceId: payload.wid };
    } catch {
      return undefined;
    }
  }
}

/** "Bearer abc" → "abc"; also accepts a bare token. */
export function bearerToken(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  const match = /^Bearer\s+(\S+)$/i.exec(trimmed);
  if (match) return match[1];
  return /^\S+$/.test(trimmed) && trimmed.length > 0 ? trimmed : undefined;
}
