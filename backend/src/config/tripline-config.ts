import * as path from 'node:path';
import { z } from 'zod';

/** Everything the API reads from its environment, validated once at start-up. */
export interface TriplineConfig {
  api: { host: string; port: number };
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  /** 32 bytes: encrypts secrets at rest and signs login tokens (the first key of TRIPLINE_SECRET_KEY). */
  secretKey: Buffer;
  /**
   * Earlier keys (the rest of a comma-separated TRIPLINE_SECRET_KEY, newest first): secrets sealed
   * under them still open, and `rotateConnectionSecrets` re-seals them under `secretKey`.
   */
  previousSecretKeys: Buffer[];
  internalToken: string;
  temporal: { address: string; namespace: string; taskQueue: string; uiUrl: string };
  seed: { writeKey?: string; adminEmail: string; adminPassword?: string; defaultSmtpUrl?: string };
  /** How often the outbox dispatcher polls when nothing nudges it. */
  outboxPollMs: number;
  /** How often inactivity, schedule and relative-date triggers are evaluated (scheduled-triggers/). */
  triggerTickMs: number;
  /** Where people reach the API from outside (no trailing slash): unsubscribe links in emails point here. */
  publicUrl: string;
  /** An address whose mailbox handles unsubscribe requests by email; adds a mailto to List-Unsubscribe. */
  unsubscribeMailto?: string;
  /**
   * The approval policy of a workspace that has not stored one (governance/): 'approver' (one
   * approver must approve every change) or 'none' (publishing needs no approval).
   */
  defaultApprovalPolicy: 'approver' | 'none';
  /** Where people open the designer (no trailing slash): approval links in emails point here. */
  designerUrl: string;
}

/** An empty variable counts as unset (docs/configuration.md). */
function unsetWhenEmpty<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema);
}

const envSchema = z.object({
  TRIPLINE_API_HOST: z.string().default('0.0.0.0'),
  TRIPLINE_API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  TRIPLINE_DATA_DIR: z.string().default('.data'),
  DATABASE_URL: z.string().optional(),
  TRIPLINE_SECRET_KEY: z.string({ error: 'TRIPLINE_SECRET_KEY is required (base64 of 32 random bytes)' }),
  TRIPLINE_INTERNAL_TOKEN: z.string({ error: 'TRIPLINE_INTERNAL_TOKEN is required' }).min(16, 'TRIPLINE_INTERNAL_TOKEN must be at least 16 characters'),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TRIPLINE_TASK_QUEUE: z.string().default('tripline-playbooks'),
  TRIPLINE_TEMPORAL_UI_URL: z.string().default('http://localhost:8233'),
  TRIPLINE_WRITE_KEY: z.string().min(8, 'TRIPLINE_WRITE_KEY must be at least 8 characters').optional(),
  TRIPLINE_ADMIN_EMAIL: z.string().email('TRIPLINE_ADMIN_EMAIL must be an email address').default('admin@tripline.local'),
  TRIPLINE_ADMIN_PASSWORD: z.string().min(8, 'TRIPLINE_ADMIN_PASSWORD must be at least 8 characters').optional(),
  TRIPLINE_DEFAULT_SMTP_URL: z.string().optional(),
  TRIPLINE_OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(500),
  TRIPLINE_PUBLIC_URL: unsetWhenEmpty(
    z.url({ protocol: /^https?$/, error: 'TRIPLINE_PUBLIC_URL must be an http(s) URL, e.g. https://tripline.example.com' }).default('http://localhost:3000'),
  ),
  TRIPLINE_UNSUBSCRIBE_MAILTO: unsetWhenEmpty(z.string().email('TRIPLINE_UNSUBSCRIBE_MAILTO must be an email address').optional()),
  TRIPLINE_DEFAULT_APPROVAL_POLICY: unsetWhenEmpty(
    z.enum(['approver', 'none'], { error: 'TRIPLINE_DEFAULT_APPROVAL_POLICY must be "approver" or "none"' }).default('approver'),
  ),
  TRIPLINE_DESIGNER_URL: unsetWhenEmpty(
    z.url({ protocol: /^https?$/, error: 'TRIPLINE_DESIGNER_URL must be an http(s) URL, e.g. https://tripline.example.com' }).default('http://localhost:4200'),
  ),
  TRIPLINE_TRIGGER_TICK_MS: z.coerce.number().int().min(100, 'TRIPLINE_TRIGGER_TICK_MS must be at least 100').max(86_400_000, 'TRIPLINE_TRIGGER_TICK_MS must be at most 86400000 (a day)').default(60_000),
});

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TriplineConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const [secretKey, ...previousSecretKeys] = secretKeysFrom(e.TRIPLINE_SECRET_KEY);
  const dataDir = path.resolve(e.TRIPLINE_DATA_DIR);
  return {
    api: { host: e.TRIPLINE_API_HOST, port: e.TRIPLINE_API_PORT },
    dataDir,
    database: databaseFrom(e.DATABASE_URL, dataDir),
    secretKey: secretKey!,
    previousSecretKeys,
    internalToken: e.TRIPLINE_INTERNAL_TOKEN,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TRIPLINE_TASK_QUEUE,
      uiUrl: e.TRIPLINE_TEMPORAL_UI_URL.replace(/\/$/, ''),
    },
    seed: {
      writeKey: e.TRIPLINE_WRITE_KEY,
      adminEmail: e.TRIPLINE_ADMIN_EMAIL,
      adminPassword: e.TRIPLINE_ADMIN_PASSWORD,
      defaultSmtpUrl: e.TRIPLINE_DEFAULT_SMTP_URL,
    },
    outboxPollMs: e.TRIPLINE_OUTBOX_POLL_MS,
    triggerTickMs: e.TRIPLINE_TRIGGER_TICK_MS,
    publicUrl: e.TRIPLINE_PUBLIC_URL.replace(/\/+$/, ''),
    ...(e.TRIPLINE_UNSUBSCRIBE_MAILTO ? { unsubscribeMailto: e.TRIPLINE_UNSUBSCRIBE_MAILTO } : {}),
    defaultApprovalPolicy: e.TRIPLINE_DEFAULT_APPROVAL_POLICY,
    designerUrl: e.TRIPLINE_DESIGNER_URL.replace(/\/+$/, ''),
  };
}

/** `current[,previous,...]`: each base64 of exactly 32 bytes; errors name the position, never the key. */
function secretKeysFrom(value: string): Buffer[] {
  const parts = value.split(',').map((part) => part.trim());
  return parts.map((part, index) => {
    const key = Buffer.from(part, 'base64');
    if (key.length !== 32) {
      const which = parts.length === 1 ? 'TRIPLINE_SECRET_KEY' : `TRIPLINE_SECRET_KEY key ${index + 1} of ${parts.length}`;
      throw new ConfigError(`Invalid configuration:\n  ${which} must be base64 of exactly 32 bytes (list several as "current,previous")`);
    }
    return key;
  });
}

function databaseFrom(url: string | undefined, dataDir: string): TriplineConfig['database'] {
  if (!url) return { kind: 'sqlite', file: path.join(dataDir, 'tripline.sqlite') };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  if (url.startsWith('sqlite:')) return { kind: 'sqlite', file: path.resolve(url.slice('sqlite:'.length)) };
  throw new ConfigError(`Invalid configuration:\n  DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got "${url.split(':')[0]}:")`);
}
