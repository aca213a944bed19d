import { generateKeyPairSync } from 'node:crypto';
import type { FakeSalesforce } from '../fake-server';

/** An RSA key pair as a connected app's certificate holder has it (one per test file: generation is slow). */
let keys: { privateKey: string; publicKey: string } | undefined;
export function testKeyPair(): { privateKey: string; publicKey: string } {
  keys ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return keys;
}

/** A refresh-token connection to the fake (what a connection admin would save). */
export function refreshTokenConnection(server: FakeSalesforce, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    grantType: 'refreshToken',
    loginUrl: server.url,
    clientId: server.oauth.clientId,
    clientSecret: server.oauth.clientSecret,
    refreshToken: server.oauth.refreshToken,
    ...overrides,
  };
}

/** A JWT bearer connection to the fake, signing with `privateKey`. */
export function jwtBearerConnection(server: FakeSalesforce, privateKey: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    grantType: 'jwtBearer',
    loginUrl: server.url,
    clientId: server.oauth.clientId,
    username: server.oauth.jwt?.username ?? 'integration@tripline.example',
    privateKey,
    ...overrides,
  };
}
