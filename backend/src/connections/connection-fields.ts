import { z } from 'zod';

/** Names are what playbook steps refer to: short, readable, no surprises in a URL path. */
export const connectionNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}$/, 'name must be 1–100 letters, digits, spaces, "_", "." or "-", starting with a letter or digit');

export const connectorNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'connector must be a connector package name such as "email" (lowercase letters, digits, "-")');

const MAX_CONFIG_BYTES = 64 * 1024;

export const connectionConfigSchema = z
  .record(z.string(), z.unknown(), { error: 'config must be a JSON object' })
  .refine((config) => JSON.stringify(config).length <= MAX_CONFIG_BYTES, `config must be at most ${MAX_CONFIG_BYTES / 1024} KB of JSON`);
