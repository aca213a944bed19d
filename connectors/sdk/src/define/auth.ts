import { z } from 'zod';

/** How a connector authenticates. The kind tells the designer which form to show. */
export type AuthKind = 'none' | 'apiKey' | 'basic' | 'smtp' | 'oauth2';

export interface AuthTestResult {
  ok: boolean;
  /** Why the test failed, in words a connector admin can act on. Never contains secrets. */
  message?: string;
}

/**
 * The connection config of a connector: its schema, which fields are secrets (encrypted at rest,
 * never logged or shown back), and an optional credential check run when a connection is saved.
 */
export interface ConnectorAuth<TSchema extends z.ZodType = z.ZodType> {
  kind: AuthKind;
  config: TSchema;
  secretFields: readonly string[];
  test?: (config: z.output<TSchema>) => Promise<AuthTestResult>;
}

export type AuthConfig<TAuth extends ConnectorAuth> = z.output<TAuth['config']>;

export function defineAuth<TSchema extends z.ZodType>(auth: {
  kind: AuthKind;
  config: TSchema;
  secretFields?: readonly string[];
  test?: (config: z.output<TSchema>) => Promise<AuthTestResult>;
}): ConnectorAuth<TSchema> {
  return { ...auth, secretFields: auth.secretFields ?? [] };
}

const noAuthSchema = z.object({});

/** For connectors that need no credentials (e.g. a public webhook). */
export function noAuth(): ConnectorAuth<typeof noAuthSchema> {
  return defineAuth({ kind: 'none', config: noAuthSchema });
}

export const apiKeyConfigSchema = z.object({ apiKey: z.string().min(1, 'API key is required') });

/** A single API key; `test` should call a cheap authenticated endpoint. */
export function apiKeyAuth(options: {
  test?: (config: z.output<typeof apiKeyConfigSchema>) => Promise<AuthTestResult>;
} = {}): ConnectorAuth<typeof apiKeyConfigSchema> {
  return defineAuth({ kind: 'apiKey', config: apiKeyConfigSchema, secretFields: ['apiKey'], test: options.test });
}

export const basicConfigSchema = z.object({
  username: z.string().min(1, 'Username is required'),
  password: z.string().min(1, 'Password is required'),
});

/** Username and password (HTTP basic auth and the like). */
export function basicAuth(options: {
  test?: (config: z.output<typeof basicConfigSchema>) => Promise<AuthTestResult>;
} = {}): ConnectorAuth<typeof basicConfigSchema> {
  return defineAuth({ kind: 'basic', config: basicConfigSchema, secretFields: ['password'], test: options.test });
}

/** A copy of a connection config with its secret fields replaced, safe to log or return to a UI. */
export function redactConfig(auth: ConnectorAuth, config: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...config };
  for (const field of auth.secretFields) {
    if (copy[field] !== undefined && copy[field] !== null && copy[field] !== '') copy[field] = '[redacted]';
  }
  return copy;
}
